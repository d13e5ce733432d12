import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { ModelInfo } from '../../../../shared/models/llm';
import { ProviderError } from '../errors';
import { guardedCall, type CallGuard } from './call-guard';
import type { ChatRequest, ChatResult, ModelProvider } from './provider';
import { aiSettingsTab } from '../../../../shared/text/settings-names';

export interface AnthropicProviderOptions {
  apiKey: string;
  /** The API root without `/v1` (default `https://api.anthropic.com`). */
  baseUrl?: string;
  /** Limit for the response headers of any call (default 60 s); streams are bounded by the first-token timeout. */
  requestTimeoutMs?: number;
}

/** Anthropic requires `max_tokens`; this is used when the caller sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
/** The tool a structured call is forced to use: its input is the answer. */
export const ANTHROPIC_OUTPUT_TOOL = 'respond';

/**
 * Anthropic through the official `@anthropic-ai/sdk`. Structured output uses a forced tool whose
 * input schema is the prompt's schema — it works on every Claude model, unlike prefill or the
 * newer output formats — and the tool input's JSON streams in as the text.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): ModelProvider {
  const baseUrl = (options.baseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '');
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: baseUrl, maxRetries: 0, timeout: options.requestTimeoutMs ?? 60_000 });
  const context = (model?: string) => ({ provider: 'anthropic' as const, ...(model !== undefined && { model }), ...(options.baseUrl !== undefined && { baseUrl }) });

  return {
    id: 'anthropic',

    listModels(signal) {
      return guardedCall({ ...(signal && { signal }) }, context(), async (guard) => {
        const models: ModelInfo[] = [];
        // Bounded: the SDK follows `has_more` pages; a real account has a few dozen models.
        for await (const m of client.models.list({ limit: 100 }, { signal: guard.signal })) {
          models.push({ provider: 'anthropic', name: m.id, ...(typeof m.max_input_tokens === 'number' && { contextWindow: m.max_input_tokens }) });
          if (models.length >= 1000) break;
        }
        return models;
      });
    },

    chat(req, onDelta) {
      return guardedCall(req, context(req.model), async (guard) => {
        const stream = await client.messages.create(chatBody(req), { signal: guard.signal });
        return readStream(stream, guard, onDelta, req.onUsage);
      });
    },

    async embed(model) {
      throw new ProviderError(ErrorCode.MODEL_MISSING, `Anthropic has no embedding models. Route embeddings to Ollama or OpenAI in ${aiSettingsTab('Routes')}.`, {
        provider: 'anthropic',
        model,
      });
    },
  };
}

function chatBody(req: ChatRequest): MessageCreateParamsStreaming {
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const schema = req.jsonSchema;
  const asTool = schema !== undefined && schema.type === 'object';
  // A schema that is not an object cannot be a tool's input: ask for it in words instead.
  const instruction = schema !== undefined && !asTool ? `Reply with only JSON matching this JSON Schema:\n${JSON.stringify(schema)}` : '';
  const fullSystem = [system, instruction].filter(Boolean).join('\n\n');
  return {
    model: req.model,
    max_tokens: req.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: req.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
    stream: true,
    ...(fullSystem && { system: fullSystem }),
    // Anthropic's temperature range is 0–1; OpenAI-style values up to 2 are clamped.
    ...(req.temperature !== undefined && { temperature: Math.min(1, Math.max(0, req.temperature)) }),
    ...(asTool && {
      tools: [
        {
          name: ANTHROPIC_OUTPUT_TOOL,
          description: 'Give your answer in the required structure.',
          input_schema: schema as { type: 'object'; [key: string]: unknown },
        },
      ],
      tool_choice: { type: 'tool', name: ANTHROPIC_OUTPUT_TOOL },
    }),
  };
}

async function readStream(
  stream: AsyncIterable<RawMessageStreamEvent>,
  guard: CallGuard,
  onDelta: (text: string) => void,
  onUsage: ChatRequest['onUsage'],
): Promise<ChatResult> {
  let text = '';
  let tokensIn = 0;
  let tokensOut = 0;
  for await (const event of stream) {
    if (event.type === 'message_start') {
      const u = event.message.usage;
      tokensIn = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
      tokensOut = u.output_tokens;
      // The prompt's count is final from the start; the output's grows until message_delta.
      onUsage?.({ tokensIn });
    } else if (event.type === 'message_delta') {
      tokensOut = event.usage.output_tokens;
    } else if (event.type === 'content_block_delta') {
      const d = event.delta;
      const piece = d.type === 'text_delta' ? d.text : d.type === 'input_json_delta' ? d.partial_json : '';
      if (piece || d.type === 'thinking_delta') guard.gotFirstToken();
      if (piece) {
        text += piece;
        onDelta(piece);
      }
    }
  }
  // The SDK ends the loop quietly when the request is aborted.
  guard.throwIfStopped();
  return { text, tokensIn, tokensOut };
}
