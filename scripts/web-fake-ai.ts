/**
 * The browser mode with a fake Ollama / OpenAI / Anthropic server standing in for the real
 * ones (test code from src/main/testing): for the AI end-to-end tests, the AI benchmark, and
 * for trying the AI features on a machine without Ollama or keys. Never used by the app.
 *
 *   npx tsx scripts/web-fake-ai.ts --data DIR --port N [--control-port M] [--prompts DIR] [--token-delay-ms T]
 *
 * `--prompts` reads the shipped prompts from another folder (a test playing a new release).
 * `--token-delay-ms` paces the fake's streamed tokens (default 15), e.g. to watch an agent run.
 *
 * The control port (127.0.0.1) takes POST /reply {text, tokenDelayMs}, /fail {failure, scope},
 * /stop (the fake goes away: "Ollama not running"), /start (a new fake), /pull-steps {steps},
 * /models {models: [{name, sizeBytes}]} (what the fake Ollama has installed; no list: the
 * defaults), /reset-setup (default models, shipped routes, no tag picks), /chat-requests,
 * which answers the chat requests received so far (provider, model, messages), and /state, which
 * answers {runningStreams, openRequests} (streams the core is running, model requests the fake
 * is still answering) so a test can wait for a reply to finish server-side. POST /jobs
 * {count, delayMs, failFirstRun} enqueues a test-only `test.rows` job (registered here, never in
 * the app) and answers it, for the jobs view's flows.
 */
import { createServer, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../src/main/core';
import { createLogger } from '../src/main/core/platform/logger';
import { replyWithSummaries, startFakeLlmServer, type FakeLlmServer } from '../src/main/testing/fake-llm-server';
import { registerTestJobKinds, TEST_ROWS_KIND, testRowsPayload } from '../src/main/testing/test-job-kinds';
import { startBrowserMode } from '../src/main/web/server';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '5190' },
    'control-port': { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    prompts: { type: 'string' },
    'token-delay-ms': { type: 'string', default: '15' },
  },
});
if (!values.data) {
  console.error('--data DIR is required (use a throwaway folder).');
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const DEFAULT_OLLAMA_MODELS = [
  { name: 'llama3.2:latest', sizeBytes: 2_019_393_189 },
  { name: 'nomic-embed-text:latest', sizeBytes: 274_302_450 },
];

async function startFake(): Promise<FakeLlmServer> {
  // Chat replies get the scripted text; the background summary jobs a schema-valid summary (not the text).
  const server = await startFakeLlmServer({ reply: replyWithSummaries('The lamp guttered, and the keeper listened to the sea.'), tokenDelayMs: Number(values['token-delay-ms']) });
  server.setModels('ollama', DEFAULT_OLLAMA_MODELS);
  return server;
}

let fake: FakeLlmServer | null = await startFake();
const core = createCore({
  dataDir,
  logger: createLogger({ level: values['log-level'], file: path.join(dataDir, 'logs', 'web.log') }),
  transport: 'websocket',
  jobKinds: registerTestJobKinds,
  // A scene is checked for continuity 2 s after its last save (30 s in the app), so a flow sees it happen.
  continuityIdleMs: 2_000,
  ai: {
    providerEndpoints: { openai: fake.openaiBaseUrl, anthropic: fake.anthropicBaseUrl },
    retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 200 },
    ...(values.prompts !== undefined && { promptsFolder: path.resolve(values.prompts) }),
  },
});
await core.handlers['llm.setOllamaUrl']({ baseUrl: fake.ollamaUrl }, { transport: 'direct' });
const web = await startBrowserMode({
  core,
  port: Number(values.port),
  staticDir: path.join(repoRoot, 'dist', 'renderer'),
  ...(process.env.NOVA_WEB_TOKEN && { token: process.env.NOVA_WEB_TOKEN }),
});

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

/** What the model was sent, per chat request, for tests that check the prompt a UI action produced. */
function chatRequests() {
  const chatPaths = new Set(['/api/chat', '/v1/chat/completions', '/v1/messages']);
  return (fake?.requests ?? [])
    .filter((r) => chatPaths.has(r.path))
    .map((r) => {
      const body = r.body as { model?: string; messages?: Array<{ role: string; content: unknown }>; system?: unknown } | undefined;
      return { provider: r.provider, model: body?.model ?? '', messages: body?.messages ?? [], system: body?.system ?? null };
    });
}

if (values['control-port']) {
  const control = createServer((request, response) => {
    void (async () => {
      const body = await readJson(request);
      switch (request.url) {
        case '/reply':
          fake?.setReply(replyWithSummaries(String(body.text ?? '')));
          if (typeof body.tokenDelayMs === 'number') fake?.setTokenDelay(body.tokenDelayMs);
          break;
        case '/fail':
          fake?.failNext(body.failure as never, body.scope as never);
          break;
        case '/models':
          fake?.setModels('ollama', Array.isArray(body.models) ? (body.models as typeof DEFAULT_OLLAMA_MODELS) : DEFAULT_OLLAMA_MODELS);
          break;
        case '/reset-setup': {
          fake?.setModels('ollama', DEFAULT_OLLAMA_MODELS);
          await core.handlers['routes.reset']({}, { transport: 'direct' });
          const { ollamaTags } = await core.handlers['llm.status']({}, { transport: 'direct' });
          for (const family of Object.keys(ollamaTags)) await core.handlers['llm.setOllamaTag']({ family, tag: null }, { transport: 'direct' });
          break;
        }
        case '/pull-steps':
          fake?.setPullSteps(Number(body.steps ?? 4));
          break;
        case '/chat-requests':
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify(chatRequests()));
          return;
        case '/jobs': {
          const job = core.services.jobs.enqueue({ kind: TEST_ROWS_KIND, payload: testRowsPayload.parse(body) });
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify(job));
          return;
        }
        case '/state':
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ runningStreams: core.services.ai.streams.size, openRequests: fake?.openRequests().length ?? 0 }));
          return;
        case '/stop':
          await fake?.close();
          fake = null;
          break;
        case '/start':
          fake ??= await startFake();
          await core.handlers['llm.setOllamaUrl']({ baseUrl: fake.ollamaUrl }, { transport: 'direct' });
          break;
        default:
          response.statusCode = 404;
      }
      response.end();
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  control.listen(Number(values['control-port']), '127.0.0.1');
}

console.log(`Nova Studio (fake AI providers) is running.\n  Data: ${dataDir}\n  Open: ${web.url}`);
const stop = async () => {
  await web.close();
  await fake?.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
