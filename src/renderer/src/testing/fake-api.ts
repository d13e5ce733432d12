import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/ipc/contract';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { EventName, EventPayload } from '../../../shared/ipc/events';
import { ApiError, type Api } from '../lib/api';
import type { ConnectionStatus } from '../lib/transport';

/** How the fake answers one method: a fixed output, or a function of the (parsed) input. */
export type FakeAnswer<M extends MethodName> = MethodOutput<M> | ((input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>);
export type FakeAnswers = { [M in MethodName]?: FakeAnswer<M> };

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
  /** Delivers a push event to the current listeners, as the core would. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
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

  const fake: FakeApi = {
    calls,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      calls.push({ method, input });
      const parsed = contract[method].input.safeParse(input);
      if (!parsed.success) throw new ApiError(ErrorCode.INVALID_INPUT, `${method}: ${parsed.error.message}`, false);
      if (!table.has(method)) throw new ApiError(ErrorCode.INTERNAL, `The fake API has no answer for ${method}.`, false);
      const answer = table.get(method) as FakeAnswer<M>;
      return typeof answer === 'function' ? await answer(input) : structuredClone(answer);
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
      for (const listener of [...(listeners.get(name) ?? [])]) (listener as (p: typeof payload) => void)(payload);
    },
    setStatus(status) {
      for (const listener of [...statusListeners]) listener(status);
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
  return fake;
}
