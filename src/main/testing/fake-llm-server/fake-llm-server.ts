import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAnthropic } from './anthropic.routes';
import { sendError } from './chat-common';
import { Exchange, type FakeState, type Sleeper } from './exchange';
import type {
  FailureScope,
  FakeFailure,
  FakeLlmServer,
  FakeModel,
  FakeProvider,
  FakeReply,
  FakeRequestRecord,
} from './fake-llm-server.types';
import { handleOllama } from './ollama.routes';
import { handleOpenAI } from './openai.routes';
import { authError, errorAnswer } from './provider-errors';
import { waitFor } from './wait-for';

/** Keys the fake accepts by default. */
export const FAKE_OPENAI_KEY = 'sk-fake-openai-key-000000000001';
export const FAKE_ANTHROPIC_KEY = 'sk-ant-fake-key-000000000001';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

const defaultModels = (): Record<FakeProvider, FakeModel[]> => ({
  ollama: [{ name: 'llama3.2:latest', contextWindow: 131_072 }, { name: 'nomic-embed-text:latest', contextWindow: 8_192 }],
  openai: [{ name: 'gpt-4o-mini', contextWindow: 128_000 }, { name: 'text-embedding-3-small', contextWindow: 8_191 }],
  anthropic: [{ name: 'claude-sonnet-4-6', contextWindow: 200_000 }, { name: 'claude-haiku-4-5', contextWindow: 200_000 }],
});

export interface FakeLlmServerOptions {
  reply?: FakeReply;
  tokenDelayMs?: number;
  /** 0 (default) picks a free port; the CLI passes a fixed one, e.g. Ollama's 11434. */
  port?: number;
}

interface PendingFailure {
  failure: FakeFailure;
  scope: FailureScope;
  remaining: number;
}

/**
 * Starts a stand-in for Ollama, OpenAI and Anthropic on 127.0.0.1 (a free port), speaking the
 * HTTP APIs their official SDKs use: Ollama at the root (`/api/...`), OpenAI under `/openai/v1`,
 * Anthropic under `/anthropic/v1`. Tests script replies and inject failures through the
 * returned object; `close()` ends everything, including hanging requests.
 */
export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const state: FakeState = {
    models: defaultModels(),
    reply: options.reply ?? 'Hello from the fake model.',
    tokenDelayMs: options.tokenDelayMs ?? 0,
    keys: { openai: [FAKE_OPENAI_KEY], anthropic: [FAKE_ANTHROPIC_KEY] },
    pullSteps: 4,
    // Enough room for the fake's concept axes (fake-text.ts) and hashed words.
    embeddingDimensions: 64,
  };
  const requests: FakeRequestRecord[] = [];
  const failures: PendingFailure[] = [];
  const openResponses = new Map<FakeRequestRecord, ServerResponse>();
  const timers = new Map<NodeJS.Timeout, (alive: boolean) => void>();
  let closing = false;

  const sleeper: Sleeper = {
    sleep: (ms) =>
      new Promise<boolean>((resolve) => {
        if (closing) return resolve(false);
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve(!closing);
        }, ms);
        timers.set(timer, resolve);
      }),
  };

  const takeFailure = (provider: FakeProvider | 'unknown', path: string, router: boolean): FakeFailure | undefined => {
    const index = failures.findIndex(
      (f) => (!f.scope.provider || f.scope.provider === provider) && (!f.scope.path || f.scope.path === path) && (f.scope.router ?? false) === router,
    );
    const pending = failures[index];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) failures.splice(index, 1);
    return pending.failure;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { provider, path } = route(req.url ?? '/');
    const record: FakeRequestRecord = { id: requests.length + 1, provider, method: req.method ?? 'GET', path, headers: req.headers, body: undefined, outcome: 'pending' };
    requests.push(record);
    openResponses.set(record, res);
    res.on('finish', () => {
      if (record.outcome === 'pending') record.outcome = 'completed';
    });
    res.on('close', () => {
      openResponses.delete(record);
      if (record.outcome === 'pending') record.outcome = closing ? 'server-closed' : 'client-closed';
    });

    const raw = await readBody(req);
    if (raw === undefined) return void res.writeHead(413).end();
    record.body = parseJson(raw);
    const body = (typeof record.body === 'object' && record.body !== null ? record.body : {}) as Record<string, unknown>;

    if (provider === 'unknown') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    if (provider === 'ollama' && path === '/') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Ollama is running');

    const rejected = provider === 'ollama' ? undefined : checkKey(provider, req, state.keys[provider]);
    const router = raw.includes('"title":"route-intent"');
    const failure = rejected ? undefined : takeFailure(provider, path, router);
    if (failure) record.failure = failure;
    const ex = new Exchange(req, res, record, body, state, failure, sleeper);
    ex.unpaced = router;
    if (rejected) return sendError(ex, rejected);
    if (failure?.hang) return; // answered by close(), or never
    if (failure?.status !== undefined) {
      const answer = failure.body !== undefined ? { status: failure.status, body: failure.body } : errorAnswer(provider, failure.status);
      const headers = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : undefined;
      return sendError(ex, answer, headers);
    }
    if (provider === 'ollama') return handleOllama(ex);
    if (provider === 'openai') return handleOpenAI(ex);
    return handleAnthropic(ex);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'text/plain' }).end('fake server error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ollamaUrl: url,
    openaiBaseUrl: `${url}/openai/v1`,
    anthropicBaseUrl: `${url}/anthropic`,
    requests,
    setModels(provider, models) {
      state.models[provider] = models.map((m) => (typeof m === 'string' ? { name: m } : { ...m }));
    },
    models: (provider) => state.models[provider],
    setReply(reply) {
      state.reply = reply;
    },
    setTokenDelay(ms) {
      state.tokenDelayMs = Math.max(0, ms);
    },
    setKeys(provider, keys) {
      state.keys[provider] = keys === null ? null : [...keys];
    },
    setPullSteps(steps) {
      state.pullSteps = Math.max(1, Math.min(1000, Math.floor(steps)));
    },
    setEmbeddingDimensions(dimensions) {
      state.embeddingDimensions = Math.max(1, Math.min(4096, Math.floor(dimensions)));
    },
    failNext(failure, scope = {}) {
      failures.push({ failure, scope, remaining: Math.max(1, scope.times ?? 1) });
    },
    clearFailures() {
      failures.length = 0;
    },
    clearRequests() {
      requests.length = 0;
    },
    openRequests: () => [...openResponses.keys()],
    waitFor,
    async close() {
      if (closing) return;
      closing = true;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve(false);
      }
      timers.clear();
      for (const [record, res] of openResponses) {
        if (record.outcome === 'pending') record.outcome = 'server-closed';
        res.destroy();
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Which API a path belongs to, and the path as that API spells it. */
function route(rawUrl: string): { provider: FakeProvider | 'unknown'; path: string } {
  const path = new URL(rawUrl, 'http://fake').pathname;
  if (path.startsWith('/openai/')) return { provider: 'openai', path: path.slice('/openai'.length) };
  if (path.startsWith('/anthropic/')) return { provider: 'anthropic', path: path.slice('/anthropic'.length) };
  if (path === '/' || path.startsWith('/api/')) return { provider: 'ollama', path };
  return { provider: 'unknown', path };
}

/**
 * OpenAI sends `Authorization: Bearer <key>`. Anthropic's API takes `x-api-key`; the SDK
 * installed here (1.12) sends the key as a Bearer token instead, so both are accepted.
 */
function checkKey(provider: 'openai' | 'anthropic', req: IncomingMessage, keys: readonly string[] | null) {
  const bearer = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  const apiKey = req.headers['x-api-key'];
  const key = provider === 'anthropic' && typeof apiKey === 'string' && apiKey ? apiKey : bearer;
  if (key && (keys === null || keys.includes(key))) return undefined;
  return authError(provider, key);
}

/** The request body, or undefined when it is too large. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
