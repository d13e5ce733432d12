import type { ModelInfo, ProviderId } from '../../../../shared/models/llm';

/** A message as sent to a model. */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: LlmMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for JSON matching this schema (providers that support it use native structured output). */
  jsonSchema?: Record<string, unknown>;
  /** Cancels the call end to end (the SDK aborts the HTTP request). */
  signal: AbortSignal;
  /** Gives up with TIMEOUT when no first token arrived within this time (ms). */
  firstTokenTimeoutMs?: number;
}

export interface ChatResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
}

export interface PullProgress {
  status: string;
  completed?: number;
  total?: number;
}

/**
 * One model provider behind its official SDK. Every method throws `AppError` with a
 * classified code (PROVIDER_UNREACHABLE, PROVIDER_AUTH, RATE_LIMITED, CONTEXT_TOO_LONG,
 * MODEL_MISSING, CANCELLED, TIMEOUT, PROVIDER_FAILED) — see errors.ts — never a raw SDK error.
 */
export interface ModelProvider {
  readonly id: ProviderId;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /**
   * Ollama only: the installed models with their sizes, in one request (no per-model details),
   * cheap enough to ask before each call which installed tag a route's family resolves to.
   */
  listInstalled?(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Streams a chat completion: `onDelta` gets each piece of text as it arrives. */
  chat(request: ChatRequest, onDelta: (text: string) => void): Promise<ChatResult>;
  embed(model: string, inputs: string[], signal?: AbortSignal): Promise<number[][]>;
  /** Ollama only: downloads a model, reporting progress. */
  pull?(model: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal): Promise<void>;
}
