import type { EventName, EventPayload } from '../../shared/ipc/events';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Push events from the services to whichever transports are attached. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Returns a function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        // One broken transport must not stop the others, nor fail the call that emitted.
        try {
          listener(name, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
