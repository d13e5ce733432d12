import type { IncomingHttpHeaders } from 'node:http';

export type FakeProvider = 'ollama' | 'openai' | 'anthropic';
export type FakeCloudProvider = Exclude<FakeProvider, 'ollama'>;

/** A model the fake lists and answers with. */
export interface FakeModel {
  name: string;
  /** Prompts longer than this (in the fake's word-tokens) fail with the provider's "context too long" error. */
  contextWindow?: number;
  sizeBytes?: number;
}

export interface FakeChatMessage {
  role: string;
  content: string;
}

/** A chat request as the reply function sees it, the same for every provider. */
export interface FakeChatRequest {
  provider: FakeProvider;
  model: string;
  /** System prompts included (Anthropic's `system` comes first, as role "system"). */
  messages: FakeChatMessage[];
  /** Ollama `format`, OpenAI `response_format.json_schema.schema`, or the forced Anthropic tool's input schema. */
  jsonSchema?: unknown;
  body: Record<string, unknown>;
}

/** The scripted answer: fixed text, or text made from the request. */
export type FakeReply = string | ((request: FakeChatRequest) => string);

/**
 * A failure injected into the next matching request(s). Fields combine: e.g. a slow first token
 * followed by a dropped connection.
 */
export interface FakeFailure {
  /** Answer with this HTTP status and the provider's error JSON (or `body`). */
  status?: number;
  /** Sent as the Retry-After header (seconds). */
  retryAfterSeconds?: number;
  /** A custom error body instead of the provider's usual one. */
  body?: unknown;
  /** Close the connection after a few streamed chunks (2 by default), mid-answer. */
  dropMidStream?: boolean | { afterChunks: number };
  /** Send headers at once but the first token only after this long. */
  firstTokenDelayMs?: number;
  /** The provider's real "context too long" error. */
  contextTooLong?: boolean;
  /** Never answer; the request stays open until the client gives up or the server closes. */
  hang?: boolean;
  /** An agent prompt (prompts/agent-*.yaml) is answered off its schema: JSON it rejects, or blank prose. */
  invalidAnswer?: boolean;
}

/** Which requests a failure applies to, and how many times. */
export interface FailureScope {
  /** How many matching requests fail (default 1). */
  times?: number;
  provider?: FakeProvider;
  /** The API path as the provider spells it, e.g. `/api/chat` or `/v1/chat/completions`. */
  path?: string;
  /**
   * True: only the crew router's requests (prompts/route-intent.yaml) fail. They are exempt
   * otherwise, so a failure scripted for a chat reply reaches the reply, not the router before it.
   */
  router?: boolean;
}

export type RequestOutcome = 'pending' | 'completed' | 'client-closed' | 'dropped' | 'server-closed';

/** One request the fake received; `outcome` updates live as the response ends. */
export interface FakeRequestRecord {
  id: number;
  provider: FakeProvider | 'unknown';
  method: string;
  /** The API path as the provider spells it (without the fake's `/openai` or `/anthropic` prefix). */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined. */
  body: unknown;
  failure?: FakeFailure;
  /** `client-closed` means the client hung up before the answer ended (e.g. an abort). */
  outcome: RequestOutcome;
}

/** The control surface of the fake provider server (plain methods, not HTTP). */
export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>` — also Ollama's address. */
  readonly url: string;
  readonly ollamaUrl: string;
  /** For the OpenAI SDK's `baseURL` (ends in `/v1`). */
  readonly openaiBaseUrl: string;
  /** For the Anthropic SDK's `baseURL`. */
  readonly anthropicBaseUrl: string;
  /** Every request so far, oldest first. */
  readonly requests: readonly FakeRequestRecord[];
  setModels(provider: FakeProvider, models: ReadonlyArray<FakeModel | string>): void;
  models(provider: FakeProvider): readonly FakeModel[];
  setReply(reply: FakeReply): void;
  /** Pause between streamed tokens (ms, default 0). */
  setTokenDelay(ms: number): void;
  /** Keys accepted (null: any non-empty key). Defaults: FAKE_OPENAI_KEY, FAKE_ANTHROPIC_KEY. */
  setKeys(provider: FakeCloudProvider, keys: readonly string[] | null): void;
  /** Progress lines a pull streams between "pulling manifest" and "success" (default 4). */
  setPullSteps(steps: number): void;
  setEmbeddingDimensions(dimensions: number): void;
  failNext(failure: FakeFailure, scope?: FailureScope): void;
  clearFailures(): void;
  clearRequests(): void;
  /** Requests whose response has not ended yet. */
  openRequests(): FakeRequestRecord[];
  /** Resolves when `predicate` holds (checked every few ms); rejects after `timeoutMs` (default 2 s). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Ends every open response and stops listening. */
  close(): Promise<void>;
}
