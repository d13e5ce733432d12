import { findModel, prepareChat, sendError } from './chat-common';
import { ndjson, type Exchange } from './exchange';
import { contentText, countTokens, fakeDigest, fakeEmbedding, ollamaName } from './fake-text';
import type { FakeChatRequest } from './fake-llm-server.types';
import { modelMissing, errorAnswer } from './provider-errors';

const FAKE_OLLAMA_VERSION = '0.12.0';

/** Ollama's REST API (`/api/...`) as the `ollama` package calls it. */
export async function handleOllama(ex: Exchange): Promise<void> {
  const route = `${ex.req.method ?? 'GET'} ${ex.record.path}`;
  switch (route) {
    case 'GET /api/version':
      return ex.json(200, { version: FAKE_OLLAMA_VERSION });
    case 'GET /api/tags':
      return ex.json(200, { models: ex.state.models.ollama.map(listEntry) });
    case 'POST /api/show':
      return show(ex);
    case 'POST /api/chat':
      return chat(ex);
    case 'POST /api/embed':
      return embed(ex);
    case 'POST /api/pull':
      return pull(ex);
    default:
      // Ollama's router answers unknown paths with plain text.
      ex.res.writeHead(404, { 'content-type': 'text/plain' });
      ex.res.end('404 page not found');
  }
}

const details = (family = 'llama') => ({
  parent_model: '',
  format: 'gguf',
  family,
  families: [family],
  parameter_size: '3.2B',
  quantization_level: 'Q4_K_M',
});

function listEntry(m: { name: string; sizeBytes?: number }) {
  const name = ollamaName(m.name);
  return { name, model: name, modified_at: '2025-01-01T00:00:00Z', size: m.sizeBytes ?? 2_019_393_189, digest: fakeDigest(name), details: details() };
}

function show(ex: Exchange): Promise<void> {
  const name = ex.body.model ?? ex.body.name;
  const model = findModel(ex.state, 'ollama', name);
  if (!model) return sendError(ex, modelMissing('ollama', String(name), ex.record.path));
  return ex.json(200, {
    modelfile: `FROM ${ollamaName(model.name)}`,
    parameters: '',
    template: '{{ .Prompt }}',
    details: details(),
    model_info: { 'general.architecture': 'llama', 'llama.context_length': model.contextWindow ?? 131_072 },
    capabilities: ['completion'],
    modified_at: '2025-01-01T00:00:00Z',
  });
}

function toChatRequest(ex: Exchange): FakeChatRequest {
  const messages = Array.isArray(ex.body.messages) ? (ex.body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  return {
    provider: 'ollama',
    model: String(ex.body.model ?? ''),
    messages: messages.map((m) => ({ role: String(m.role ?? 'user'), content: contentText(m.content) })),
    ...(ex.body.format !== undefined && { jsonSchema: ex.body.format }),
    body: ex.body,
  };
}

function chat(ex: Exchange): Promise<void> {
  const request = toChatRequest(ex);
  const prepared = prepareChat(ex, request);
  if (!prepared.ok) return sendError(ex, prepared.error);
  const base = () => ({ model: request.model, created_at: new Date().toISOString() });
  const final = {
    done: true,
    done_reason: 'stop',
    total_duration: 1_000_000,
    load_duration: 100_000,
    prompt_eval_count: prepared.promptTokens,
    prompt_eval_duration: 200_000,
    eval_count: prepared.completionTokens,
    eval_duration: 700_000,
  };
  // Ollama streams unless told `stream: false`.
  if (ex.body.stream === false) {
    return ex.json(200, { ...base(), message: { role: 'assistant', content: prepared.text }, ...final });
  }
  return ex.stream({
    contentType: 'application/x-ndjson',
    prelude: [],
    tokens: prepared.tokens.map((t) => ndjson({ ...base(), message: { role: 'assistant', content: t }, done: false })),
    epilogue: [ndjson({ ...base(), message: { role: 'assistant', content: '' }, ...final })],
  });
}

function embed(ex: Exchange): Promise<void> {
  const model = String(ex.body.model ?? '');
  if (!findModel(ex.state, 'ollama', model)) return sendError(ex, modelMissing('ollama', model, ex.record.path));
  if (ex.failure?.contextTooLong) return sendError(ex, errorAnswer('ollama', 400, 'the input length exceeds the context length'));
  const input = ex.body.input;
  const inputs = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  return ex.json(200, {
    model,
    embeddings: inputs.map((text) => fakeEmbedding(text, ex.state.embeddingDimensions)),
    total_duration: 1_000_000,
    load_duration: 100_000,
    // Ollama reports the input's tokens (the fake's count: words).
    prompt_eval_count: inputs.reduce((sum, text) => sum + countTokens(text), 0),
  });
}

function pull(ex: Exchange): Promise<void> {
  // The SDK still sends the old field `name`; Ollama accepts both.
  const name = ollamaName(String(ex.body.model ?? ex.body.name ?? ''));
  const digest = `sha256:${fakeDigest(name)}`;
  const total = 1_000_000;
  const steps = Math.max(1, ex.state.pullSteps);
  const progress = Array.from({ length: steps }, (_, i) => ({ status: `pulling ${digest.slice(7, 19)}`, digest, total, completed: Math.round(((i + 1) * total) / steps) }));
  const addModel = () => {
    if (!findModel(ex.state, 'ollama', name)) ex.state.models.ollama.push({ name });
  };
  if (ex.body.stream === false) {
    addModel();
    return ex.json(200, { status: 'success' });
  }
  ex.res.once('finish', addModel);
  return ex.stream({
    contentType: 'application/x-ndjson',
    prelude: [ndjson({ status: 'pulling manifest' })],
    tokens: progress.map(ndjson),
    epilogue: [ndjson({ status: 'verifying sha256 digest' }), ndjson({ status: 'writing manifest' }), ndjson({ status: 'success' })],
  });
}
