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
  /**
   * Told token counts as soon as the provider states them, before the answer ends (Anthropic
   * gives the prompt's count first), so a call that then fails is still accounted for.
   */
  onUsage?: (usage: ReportedUsage) => void;
}

/** Token counts a provider stated part-way through a call. */
export interface ReportedUsage {
  tokensIn?: number;
  tokensOut?: number;
}

export interface ChatResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** A count is an estimate from the text: the provider reported none. */
  estimated?: boolean;
}

export interface EmbedResult {
  vectors: number[][];
  /** The input's tokens, as the provider counted them (estimated from the text when it did not). */
  tokensIn: number;
  estimated?: boolean;
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
  embed(model: string, inputs: string[], signal?: AbortSignal): Promise<EmbedResult>;
  /** Ollama only: downloads a model, reporting progress. */
  pull?(model: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal): Promise<void>;
}
