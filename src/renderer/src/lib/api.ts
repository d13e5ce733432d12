import type { MethodInput, MethodName, MethodOutput } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/errors';
import type { EventName, EventPayload } from '../../../shared/ipc/events';
import type { ConnectionStatus, Transport } from './transport';

/** A failed call as the UI sees it: the core's code and its human sentence. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  constructor(code: ErrorCode, message: string, retryable: boolean) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.retryable = retryable;
  }
}

export interface Api {
  /** Calls a contract method; resolves with its output or rejects with an {@link ApiError}. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to one push event; returns a function that unsubscribes. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/**
 * The typed client of the contract over a transport. The app builds exactly one, at start-up
 * (main.tsx), and hands it to its stores and components (app/services.ts); tests hand them a
 * fake instead (testing/fake-api.ts).
 */
export function createApi(transport: Transport): Api {
  return {
    async call(method, input) {
      const result = await transport.call(method, input);
      if (result.ok) return result.data as MethodOutput<typeof method>;
      throw new ApiError(result.error.code, result.error.message, result.error.retryable);
    },
    on(name, listener) {
      return transport.onEvent((eventName, payload) => {
        if (eventName === name) listener(payload as EventPayload<typeof name>);
      });
    },
    onStatus: (listener) => transport.onStatus(listener),
  };
}

/** True for the core's "that record does not exist (any more)" answer. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something unexpected went wrong. Your work is safe.';
}
