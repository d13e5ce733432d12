import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ModelInfo } from '../../../../shared/models/llm';
import { estimateTokens } from '../token-estimate';
import { guardedCall, type CallGuard } from './call-guard';
import type { ChatRequest, ChatResult, EmbedResult, ModelProvider } from './provider';

export interface OpenAIProviderOptions {
  apiKey: string;
  /** An OpenAI-compatible API root including `/v1` (default `https://api.openai.com/v1`). */
  baseUrl?: string;
  /** Limit for the response headers of any call (default 60 s); streams are bounded by the first-token timeout. */
  requestTimeoutMs?: number;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * OpenAI (and OpenAI-compatible servers) through the official `openai` SDK. The SDK's own
 * retries are off: `withRetry` decides what to retry, with backoff the writer is told about.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): ModelProvider {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: baseUrl,
    maxRetries: 0,
    timeout: options.requestTimeoutMs ?? 60_000,
    // Not read from the environment: the organisation and project follow the key.
    organization: null,
    project: null,
  });
  const context = (model?: string) => ({ provider: 'openai' as const, ...(model !== undefined && { model }), ...(options.baseUrl !== undefined && { baseUrl }) });

  return {
    id: 'openai',

    listModels(signal) {
      return guardedCall({ ...(signal && { signal }) }, context(), async (guard) => {
        const page = await client.models.list({ signal: guard.signal });
        return page.data.map((m): ModelInfo => ({ provider: 'openai', name: m.id })).sort((a, b) => a.name.localeCompare(b.name));
      });
    },

    chat(req, onDelta) {
      return guardedCall(req, context(req.model), async (guard) => {
        const stream = await client.chat.completions.create(chatBody(req), { signal: guard.signal });
        return readStream(stream, guard, onDelta, req);
      });
    },

    embed(model, inputs, signal): Promise<EmbedResult> {
      return guardedCall({ ...(signal && { signal }) }, context(model), async (guard) => {
        // The SDK asks for base64 and decodes it to Float32Array; plain arrays are what callers store.
        const response = await client.embeddings.create({ model, input: inputs }, { signal: guard.signal });
        const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => Array.from(d.embedding));
        const reported = response.usage?.prompt_tokens;
        return reported === undefined ? { vectors, tokensIn: estimateTokens(inputs.join('\n')), estimated: true } : { vectors, tokensIn: reported };
      });
    },
  };
}

function chatBody(req: ChatRequest): ChatCompletionCreateParamsStreaming {
  return {
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
    stream_options: { include_usage: true },
    ...(req.temperature !== undefined && { temperature: req.temperature }),
    ...(req.maxTokens !== undefined && { max_completion_tokens: req.maxTokens }),
    // Not `strict`: strict mode rejects schemas that are not closed objects; ajv checks the answer anyway.
    ...(req.jsonSchema !== undefined && {
      response_format: { type: 'json_schema', json_schema: { name: 'output', schema: req.jsonSchema, strict: false } },
    }),
  };
}

async function readStream(stream: AsyncIterable<ChatCompletionChunk>, guard: CallGuard, onDelta: (text: string) => void, req: ChatRequest): Promise<ChatResult> {
  let text = '';
  let usage: ChatCompletionChunk['usage'];
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta.content;
    if (delta) {
      guard.gotFirstToken();
      text += delta;
      onDelta(delta);
    }
    if (chunk.usage) usage = chunk.usage;
  }
  // The SDK ends the loop quietly when the request is aborted.
  guard.throwIfStopped();
  // OpenAI-compatible servers may ignore `include_usage`: then the counts are estimates.
  if (!usage) return { text, tokensIn: estimateTokens(req.messages.map((m) => m.content).join('\n')), tokensOut: estimateTokens(text), estimated: true };
  return { text, tokensIn: usage.prompt_tokens, tokensOut: usage.completion_tokens };
}
