import { findModel, prepareChat, sendError } from './chat-common';
import { sse, type Exchange } from './exchange';
import { contentText, countTokens, fakeEmbedding, toBase64Floats } from './fake-text';
import type { FakeChatRequest } from './fake-llm-server.types';
import { speech } from './fake-speech';
import { errorAnswer, modelMissing } from './provider-errors';

const CREATED = 1_735_689_600;

/** OpenAI's REST API (`/v1/...`) as the `openai` SDK calls it. */
export async function handleOpenAI(ex: Exchange): Promise<void> {
  const route = `${ex.req.method ?? 'GET'} ${ex.record.path}`;
  switch (route) {
    case 'GET /v1/models':
      return ex.json(200, {
        object: 'list',
        data: ex.state.models.openai.map((m) => ({ id: m.name, object: 'model', created: CREATED, owned_by: 'system' })),
      });
    case 'POST /v1/chat/completions':
      return chat(ex);
    case 'POST /v1/embeddings':
      return embeddings(ex);
    case 'POST /v1/audio/speech':
      return speech(ex);
    default:
      return sendError(ex, errorAnswer('openai', 404, `Invalid URL (${route})`));
  }
}

function toChatRequest(ex: Exchange): FakeChatRequest {
  const messages = Array.isArray(ex.body.messages) ? (ex.body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  const format = ex.body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  return {
    provider: 'openai',
    model: String(ex.body.model ?? ''),
    messages: messages.map((m) => ({ role: String(m.role ?? 'user'), content: contentText(m.content) })),
    ...(format?.type === 'json_schema' && { jsonSchema: format.json_schema?.schema }),
    body: ex.body,
  };
}

function chat(ex: Exchange): Promise<void> {
  const request = toChatRequest(ex);
  const prepared = prepareChat(ex, request);
  if (!prepared.ok) return sendError(ex, prepared.error);
  const id = `chatcmpl-fake${ex.record.id}`;
  const usage = {
    prompt_tokens: prepared.promptTokens,
    completion_tokens: prepared.completionTokens,
    total_tokens: prepared.promptTokens + prepared.completionTokens,
  };
  if (ex.body.stream !== true) {
    return ex.json(200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content: prepared.text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage,
    });
  }
  const includeUsage = (ex.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    sse({
      id,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: request.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage && { usage: null }),
    });
  return ex.stream({
    contentType: 'text/event-stream; charset=utf-8',
    prelude: [chunk({ role: 'assistant', content: '', refusal: null }, null)],
    tokens: prepared.tokens.map((t) => chunk({ content: t }, null)),
    epilogue: [
      chunk({}, 'stop'),
      ...(includeUsage ? [sse({ id, object: 'chat.completion.chunk', created: CREATED, model: request.model, choices: [], usage })] : []),
      sse('[DONE]'),
    ],
  });
}

function embeddings(ex: Exchange): Promise<void> {
  const model = String(ex.body.model ?? '');
  if (!findModel(ex.state, 'openai', model)) return sendError(ex, modelMissing('openai', model, ex.record.path));
  const input = ex.body.input;
  const inputs = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  const base64 = ex.body.encoding_format === 'base64';
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
  return ex.json(200, {
    object: 'list',
    data: inputs.map((text, index) => {
      const vector = fakeEmbedding(text, ex.state.embeddingDimensions);
      return { object: 'embedding', index, embedding: base64 ? toBase64Floats(vector) : vector };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
