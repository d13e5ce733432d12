import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeCloudProvider, FakeFailure, FakeModel, FakeProvider, FakeReply, FakeRequestRecord } from './fake-llm-server.types';

/** The fake's mutable settings, changed through the control API. */
export interface FakeState {
  models: Record<FakeProvider, FakeModel[]>;
  reply: FakeReply;
  tokenDelayMs: number;
  keys: Record<FakeCloudProvider, string[] | null>;
  pullSteps: number;
  embeddingDimensions: number;
}

/** Pieces of a streamed answer, each already serialised (an NDJSON line or an SSE event). */
export interface StreamPlan {
  contentType: string;
  /** Sent with the headers (OpenAI's role chunk, Anthropic's message_start). */
  prelude: string[];
  /** One chunk per token; the first waits for `firstTokenDelayMs`, the rest for the token delay. */
  tokens: string[];
  /** The closing chunks (usage, done, [DONE]). */
  epilogue: string[];
}

/** Timers the server cancels on close, so no wait outlives it. */
export interface Sleeper {
  /** Waits `ms`; false when the server closed meanwhile. */
  sleep(ms: number): Promise<boolean>;
}

/** One request being answered: its parsed body, its log record and ways to reply. */
export class Exchange {
  /**
   * Streamed without the token delay: the crew router's answers (set by the server), so a delay a
   * test sets to watch a reply stream paces that reply, not the routing before it.
   */
  unpaced = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly record: FakeRequestRecord,
    readonly body: Record<string, unknown>,
    readonly state: FakeState,
    readonly failure: FakeFailure | undefined,
    private readonly sleeper: Sleeper,
  ) {}

  /** True while the client is still there and the server is open. */
  get alive(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  async json(status: number, payload: unknown, headers: Record<string, string> = {}): Promise<void> {
    if (this.failure?.firstTokenDelayMs && !(await this.sleeper.sleep(this.failure.firstTokenDelayMs))) return;
    if (!this.alive) return;
    if (this.failure?.dropMidStream) {
      this.drop();
      return;
    }
    const text = JSON.stringify(payload);
    this.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    this.res.end(text);
  }

  /** A binary body (audio), honouring the injected slow start or drop (cut after the headers and half the bytes). */
  async binary(status: number, body: Buffer, contentType: string): Promise<void> {
    if (this.failure?.firstTokenDelayMs && !(await this.sleeper.sleep(this.failure.firstTokenDelayMs))) return;
    if (!this.alive) return;
    this.res.writeHead(status, { 'content-type': contentType, ...(!this.failure?.dropMidStream && { 'content-length': body.length }) });
    if (this.failure?.dropMidStream) {
      this.res.write(body.subarray(0, Math.floor(body.length / 2)));
      if (!(await this.sleeper.sleep(20))) return;
      this.drop();
      return;
    }
    this.res.end(body);
  }

  /** Streams `plan`, honouring the token delay and the injected slow start or drop. */
  async stream(plan: StreamPlan): Promise<void> {
    const { res } = this;
    res.writeHead(200, { 'content-type': plan.contentType, 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (const chunk of plan.prelude) res.write(chunk);
    const drop = this.failure?.dropMidStream;
    const dropAfter = drop === undefined || drop === false ? undefined : drop === true ? 2 : drop.afterChunks;
    for (const [index, chunk] of plan.tokens.entries()) {
      if (dropAfter !== undefined && index >= dropAfter) break;
      const tokenDelay = this.unpaced ? 0 : this.state.tokenDelayMs;
      const wait = index === 0 ? (this.failure?.firstTokenDelayMs ?? tokenDelay) : tokenDelay;
      if (wait > 0 && !(await this.sleeper.sleep(wait))) return;
      if (!this.alive) return;
      res.write(chunk);
    }
    if (dropAfter !== undefined) {
      // Give the client time to read what was sent, as a real dropped connection would.
      if (!(await this.sleeper.sleep(Math.max(20, this.state.tokenDelayMs)))) return;
      this.drop();
      return;
    }
    if (!this.alive) return;
    for (const chunk of plan.epilogue) res.write(chunk);
    res.end();
  }

  /** Cuts the connection without finishing the response. */
  drop(): void {
    this.record.outcome = 'dropped';
    this.res.destroy();
  }
}

/** Streams an NDJSON line. */
export const ndjson = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** A server-sent event (with an `event:` line when named). */
export const sse = (data: unknown, event?: string): string =>
  `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
