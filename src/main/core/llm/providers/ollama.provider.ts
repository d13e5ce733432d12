import { Ollama, type ChatResponse, type ModelResponse } from 'ollama';
import { type AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { ModelInfo } from '../../../../shared/models/llm';
import { signalWithTimeout } from '../../platform/abort';
import { ProviderError } from '../errors';
import { createCallGuard, guardedCall, type CallGuard } from './call-guard';
import { estimateTokens } from '../token-estimate';
import type { ChatRequest, ChatResult, EmbedResult, ModelProvider, PullProgress } from './provider';

export interface OllamaProviderOptions {
  /** Where Ollama listens, e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  /** Limit for calls that are not streamed chats or pulls: listing, model info, embeddings (default 60 s). */
  requestTimeoutMs?: number;
}

/**
 * Ollama through the official `ollama` package. Each call gets its own client whose `fetch`
 * carries the call's AbortSignal, so cancelling ends the HTTP request itself — also before the
 * response headers arrive, which the SDK's own `abort()` cannot do.
 */
export function createOllamaProvider(options: OllamaProviderOptions): ModelProvider {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;

  const clientFor = (signal: AbortSignal) =>
    new Ollama({
      host: baseUrl,
      fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    });

  /** Runs a short request under the caller's signal and the request timeout. */
  const request = async <T>(model: string | undefined, signal: AbortSignal | undefined, run: (client: Ollama) => Promise<T>) => {
    const limited = signalWithTimeout(signal, requestTimeoutMs);
    try {
      return await guardedCall(
        { signal: limited.signal },
        { provider: 'ollama', baseUrl, ...(model !== undefined && { model }) },
        (guard) => run(clientFor(guard.signal)),
      );
    } finally {
      limited.dispose();
    }
  };

  const contextWindow = async (client: Ollama, model: string): Promise<number | undefined> => {
    try {
      const info = (await client.show({ model })).model_info as unknown as Record<string, unknown> | undefined;
      const entry = Object.entries(info ?? {}).find(([key]) => key.endsWith('.context_length'));
      return typeof entry?.[1] === 'number' ? entry[1] : undefined;
    } catch {
      return undefined; // the list is still useful without it
    }
  };

  return {
    id: 'ollama',

    listModels(signal) {
      return request(undefined, signal, async (client) => {
        const { models } = await client.list();
        return Promise.all(models.map(async (m: ModelResponse): Promise<ModelInfo> => toModelInfo(m, await contextWindow(client, m.name))));
      });
    },

    listInstalled(signal) {
      return request(undefined, signal, async (client) => (await client.list()).models.map((m: ModelResponse) => toModelInfo(m, undefined)));
    },

    chat(req, onDelta) {
      return guardedCall(req, { provider: 'ollama', model: req.model, baseUrl }, async (guard) => {
        const stream = await clientFor(guard.signal).chat({ ...chatBody(req), stream: true });
        return readChat(stream, guard, onDelta, req);
      });
    },

    embed(model, inputs, signal): Promise<EmbedResult> {
      return request(model, signal, async (client) => {
        const response = await client.embed({ model, input: inputs });
        const reported = response.prompt_eval_count as number | undefined;
        const vectors = response.embeddings;
        return typeof reported === 'number' ? { vectors, tokensIn: reported } : { vectors, tokensIn: estimateTokens(inputs.join('\n')), estimated: true };
      });
    },

    async pull(model, onProgress, signal) {
      const guard = createCallGuard({ signal }, { provider: 'ollama', model, baseUrl });
      try {
        const stream = await clientFor(guard.signal).pull({ model, stream: true });
        for await (const part of stream) onProgress(toProgress(part));
        guard.throwIfStopped();
      } catch (error) {
        throw pullError(error, model) ?? guard.toError(error);
      } finally {
        guard.dispose();
      }
    },
  };
}

/** Ollama reports a name its library lacks inside the pull stream ("file does not exist"). */
function pullError(error: unknown, model: string): AppError | undefined {
  if (!(error instanceof Error) || error.name === 'AbortError' || !/file does not exist|manifest unknown|not found/i.test(error.message)) return undefined;
  return new ProviderError(ErrorCode.MODEL_MISSING, `Ollama’s library has no model “${model}”. Check the name and try again.`, {
    provider: 'ollama',
    model,
    cause: error,
  });
}

function chatBody(req: ChatRequest) {
  const options = {
    ...(req.temperature !== undefined && { temperature: req.temperature }),
    ...(req.maxTokens !== undefined && { num_predict: req.maxTokens }),
  };
  return {
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(Object.keys(options).length > 0 && { options }),
    // Ollama constrains decoding to the schema itself (structured outputs).
    ...(req.jsonSchema !== undefined && { format: req.jsonSchema }),
  };
}

async function readChat(stream: AsyncIterable<ChatResponse>, guard: CallGuard, onDelta: (text: string) => void, req: ChatRequest): Promise<ChatResult> {
  let text = '';
  let tokensIn: number | undefined;
  let tokensOut: number | undefined;
  for await (const part of stream) {
    if (part.message.content || part.message.thinking) guard.gotFirstToken();
    if (part.message.content) {
      text += part.message.content;
      onDelta(part.message.content);
    }
    if (part.done) {
      // A cached prompt is reported without prompt_eval_count (typed as always present).
      tokensIn = part.prompt_eval_count as number | undefined;
      tokensOut = part.eval_count as number | undefined;
    }
  }
  guard.throwIfStopped();
  if (tokensIn !== undefined && tokensOut !== undefined) return { text, tokensIn, tokensOut };
  return {
    text,
    tokensIn: tokensIn ?? estimateTokens(req.messages.map((m) => m.content).join('\n')),
    tokensOut: tokensOut ?? estimateTokens(text),
    estimated: true,
  };
}

function toModelInfo(m: ModelResponse, contextWindow: number | undefined): ModelInfo {
  return {
    provider: 'ollama',
    name: m.name,
    ...(typeof m.size === 'number' && { sizeBytes: m.size }),
    ...(contextWindow !== undefined && { contextWindow }),
  };
}

function toProgress(part: { status: string; total?: number; completed?: number }): PullProgress {
  return {
    status: part.status,
    ...(typeof part.total === 'number' && { total: part.total }),
    ...(typeof part.completed === 'number' && { completed: part.completed }),
  };
}
