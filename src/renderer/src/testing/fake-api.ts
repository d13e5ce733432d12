import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/ipc/contract';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { EventName, EventPayload } from '../../../shared/ipc/events';
import { ApiError, type Api } from '../lib/api';
import type { ConnectionStatus } from '../lib/transport';

/** How the fake answers one method: a fixed output, or a function of the (parsed) input. */
export type FakeAnswer<M extends MethodName> = MethodOutput<M> | ((input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>);
export type FakeAnswers = { [M in MethodName]?: FakeAnswer<M> };

type StreamEventName = 'stream.delta' | 'stream.notice' | 'stream.end';

/** An event as a test emits it: stream events may leave out `seq` (the fake numbers them per stream). */
export type FakeEventPayload<E extends EventName> = E extends StreamEventName ? Omit<EventPayload<E>, 'seq'> & { seq?: number } : EventPayload<E>;

const isStreamEvent = (name: EventName): name is StreamEventName => name === 'stream.delta' || name === 'stream.notice' || name === 'stream.end';

/** A call the code under test made, in order. */
export interface FakeCall {
  method: MethodName;
  input: unknown;
}

/**
 * An {@link Api} with no core behind it, for store and component tests: answers what the
 * test set with {@link FakeApi.answer}, records every call, and pushes events and connection
 * states when the test says so.
 */
export interface FakeApi extends Api {
  readonly calls: FakeCall[];
  /** Sets (or replaces) the answer to a method. Throw an {@link ApiError} in a function to fail the call. */
  answer<M extends MethodName>(method: M, answer: FakeAnswer<M>): void;
  /** The inputs of every call to one method, in order. */
  inputsOf<M extends MethodName>(method: M): MethodInput<M>[];
  /**
   * Delivers a push event to the current listeners, as the core would. A stream event without
   * `seq` gets the stream's next one (one given moves the stream's count to it).
   */
  emit<E extends EventName>(name: E, payload: FakeEventPayload<E>): void;
  /** Reports a connection state to the current status listeners. */
  setStatus(status: ConnectionStatus): void;
  /** How many listeners one event has (to prove a subscription was released). */
  listenerCount(name: EventName): number;
}

/**
 * Builds a fake client. Inputs are checked against the contract's schemas like the real
 * router does, so a store that sends a malformed input fails its test with INVALID_INPUT;
 * a method without an answer fails with a sentence naming it.
 */
export function createFakeApi(answers: FakeAnswers = {}): FakeApi {
  const table = new Map<MethodName, unknown>(Object.entries(answers) as [MethodName, unknown][]);
  const calls: FakeCall[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const streamSeqs = new Map<string, number>();

  const numbered = (name: EventName, payload: object): object => {
    if (!isStreamEvent(name)) return payload;
    const { streamId, seq } = payload as { streamId: string; seq?: number };
    const next = seq ?? (streamSeqs.get(streamId) ?? 0) + 1;
    streamSeqs.set(streamId, Math.max(next, streamSeqs.get(streamId) ?? 0));
    return { ...payload, seq: next };
  };

  const fake: FakeApi = {
    calls,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      calls.push({ method, input });
      const parsed = contract[method].input.safeParse(input);
      if (!parsed.success) throw new ApiError(ErrorCode.INVALID_INPUT, `${method}: ${parsed.error.message}`, false);
      if (!table.has(method)) throw new ApiError(ErrorCode.INTERNAL, `The fake API has no answer for ${method}.`, false);
      const answer = table.get(method) as FakeAnswer<M>;
      const output = typeof answer === 'function' ? await answer(input) : structuredClone(answer);
      // A call that starts a stream starts its numbering afresh (a test may reuse one id for several streams).
      const started = (output as { streamId?: unknown } | null)?.streamId;
      if (typeof started === 'string' && method !== 'stream.replay' && method !== 'stream.status') streamSeqs.delete(started);
      return output;
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    answer(method, answer) {
      table.set(method, answer);
    },
    inputsOf<M extends MethodName>(method: M) {
      return calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>);
    },
    emit(name, payload) {
      const event = numbered(name, payload);
      for (const listener of [...(listeners.get(name) ?? [])]) (listener as (p: object) => void)(event);
    },
    setStatus(status) {
      for (const listener of [...statusListeners]) listener(status);
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
  return fake;
}
