import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chainPreimage, GENESIS_HASH, type FeedEntry, type FeedResponse } from '../../shared/cloud/records';

/*
 * A hostile sync server for tests: a small HTTP proxy on 127.0.0.1 in front of the real endpoint
 * that forwards everything and, when told, rewrites feed pages (reorders, drops, replays, rolls
 * back, flips bits), re-chaining them so only the deeper checks can catch the lie.
 */

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export type FeedTamper = (page: FeedResponse, after: number, proxy: HostileProxy) => FeedResponse;

export interface HostileProxy {
  url: string;
  /** Rewrites the next feed pages (null: pass through). */
  tamper: FeedTamper | null;
  /** Every feed entry seen so far, by seq (with its ciphertext when it was current then). */
  seen: Map<number, FeedEntry>;
  /** Recomputes the chain of `entries` from the entry at `after` (what the victim trusts), and the head. */
  rechain(page: FeedResponse, after: number): FeedResponse;
  close(): Promise<void>;
}

export async function startHostileProxy(target: string): Promise<HostileProxy> {
  const proxy: HostileProxy = {
    url: '',
    tamper: null,
    seen: new Map(),
    rechain(page, after) {
      let previous = after === 0 ? GENESIS_HASH : (proxy.seen.get(after)?.chainHash ?? GENESIS_HASH);
      const entries = page.entries.map((entry) => {
        const ciphertextHash = entry.ciphertext === null ? entry.ciphertextHash : sha(Buffer.from(entry.ciphertext, 'base64'));
        const chainHash = sha(chainPreimage(previous, entry.seq, entry.id, entry.version, ciphertextHash));
        previous = chainHash;
        return { ...entry, ciphertextHash, chainHash };
      });
      const last = entries.at(-1);
      return { entries, head: last ? { seq: last.seq, hash: last.chainHash } : page.head };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${target}${request.url ?? '/'}`, { method: request.method ?? 'GET', headers, ...(body && { body }) });
        let bytes = Buffer.from(await answer.arrayBuffer());
        const url = new URL(request.url ?? '/', 'http://proxy');
        if (url.pathname === '/v1/feed' && answer.ok) {
          let page = JSON.parse(bytes.toString('utf8')) as FeedResponse;
          for (const entry of page.entries) if (!proxy.seen.has(entry.seq) || entry.ciphertext !== null) proxy.seen.set(entry.seq, entry);
          if (proxy.tamper) page = proxy.tamper(page, Number(url.searchParams.get('after') ?? 0), proxy);
          bytes = Buffer.from(JSON.stringify(page));
        }
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding') out[name] = value;
        });
        response.writeHead(answer.status, out);
        response.end(bytes);
      })().catch(() => {
        response.writeHead(502);
        response.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
