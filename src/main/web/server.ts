import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WS_CHECK_PATH, WS_TOKEN_PARAM } from '../../shared/ipc/wire';
import { MEDIA_URL_PREFIX, type Core } from '../core';
import { createRouter } from '../ipc/router';
import { attachWebSocketTransport } from '../ipc/websocket.binding';
import { isAllowedHost } from '../ipc/websocket.upgrade';
import { handleMediaRequest } from './media-route';

export interface BrowserModeOptions {
  core: Core;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** A fixed token (tests); a random one per launch otherwise. */
  token?: string;
}

export interface BrowserModeServer {
  /** The address to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** Only loopback: the browser mode must never be reachable from another machine. */
const HOST = '127.0.0.1';

/**
 * Same policy as the Electron window, plus the WebSocket back to this server's port (and no
 * other: a page that got a script in could not reach another local service).
 */
export function browserModeCsp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Source maps would hand out the app's source; the web build emits none, and none is served. */
const isSourceMap = (pathname: string) => pathname.toLowerCase().endsWith('.map');

/** Serves the built renderer and the WebSocket transport of the core on 127.0.0.1. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  if (!existsSync(options.staticDir)) {
    throw new Error(`The renderer is not built (${options.staticDir} is missing). Run: npx vite build --mode web`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const assets = sirv(options.staticDir, { single: true, dev: false, etag: true });
  let isValidToken: (given: string | null) => boolean = () => false;
  // Known once listening (the port may be picked by the system); no request arrives before.
  let allowedHosts: readonly string[] = [];
  let csp = '';
  const server = createServer((request, response) => {
    response.setHeader('Content-Security-Policy', csp);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // The token sits in the URL of the first load; never let the page be cached with it.
    response.setHeader('Cache-Control', 'no-store');
    if (!isAllowedHost(request.headers.host, allowedHosts)) {
      // DNS rebinding: another site's page that resolves its name to 127.0.0.1 sends its own Host.
      response.statusCode = 403;
      response.end('Forbidden');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === WS_CHECK_PATH) {
      response.statusCode = isValidToken(url.searchParams.get(WS_TOKEN_PARAM)) ? 204 : 401;
      response.end();
      return;
    }
    // Before the static assets: the data folder's media files, by signed URL (default-src 'self' covers media-src and img-src).
    if (url.pathname.startsWith(MEDIA_URL_PREFIX)) {
      void handleMediaRequest(options.core, request, response);
      return;
    }
    if (isSourceMap(url.pathname)) {
      response.statusCode = 404;
      response.end('Not found');
      return;
    }
    assets(request, response, () => {
      response.statusCode = 404;
      response.end('Not found');
    });
  });
  // A client that never finishes its request headers must not hold a socket for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${HOST}:${port}`;
  allowedHosts = [`${HOST}:${port}`, `localhost:${port}`];
  csp = browserModeCsp(port);
  const router = createRouter({ handlers: options.core.handlers, logger: options.core.logger });
  const transport = attachWebSocketTransport({
    server,
    router,
    events: options.core.events,
    logger: options.core.logger,
    token,
    allowedHosts: () => allowedHosts,
    allowedOrigins: () => [origin, `http://localhost:${port}`],
    // A page whose socket dropped comes back within seconds and claims its streams.
    onConnectionClosed: (connectionId) => options.core.connectionClosed(connectionId, { mayReconnect: true }),
  });
  isValidToken = transport.isValidToken;
  return {
    url: `${origin}/?${WS_TOKEN_PARAM}=${token}`,
    origin,
    port,
    token,
    server,
    async close() {
      transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
