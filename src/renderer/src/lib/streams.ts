import type { AppErrorShape } from '../../../shared/ipc/errors';
import type { EventPayload } from '../../../shared/ipc/events';
import type { Api } from './api';

export interface StreamHandlers {
  onDelta?(text: string): void;
  onNotice?(notice: { kind: 'fallback' | 'trimmed' | 'retrying'; message: string }): void;
  onEnd?(end: { status: 'done' | 'cancelled' | 'error'; error?: AppErrorShape; usage?: EventPayload<'stream.end'>['usage'] }): void;
}

/**
 * Follows one stream's events. Subscribe BEFORE starting the stream and pass the id in once
 * known: events that arrive before then are buffered, so no early token is lost.
 */
export function followStream(api: Api, handlers: StreamHandlers): { bind(streamId: string): void; dispose(): void } {
  let streamId: string | null = null;
  const early: Array<() => void> = [];
  const route = (id: string, deliver: () => void) => {
    if (streamId === null) early.push(() => id === streamId && deliver());
    else if (id === streamId) deliver();
  };
  const offs = [
    api.on('stream.delta', (e) => route(e.streamId, () => handlers.onDelta?.(e.text))),
    api.on('stream.notice', (e) => route(e.streamId, () => handlers.onNotice?.({ kind: e.kind, message: e.message }))),
    api.on('stream.end', (e) => {
      route(e.streamId, () => {
        handlers.onEnd?.({ status: e.status, ...(e.error && { error: e.error }), ...(e.usage && { usage: e.usage }) });
        dispose();
      });
    }),
  ];
  function dispose() {
    for (const off of offs) off();
    offs.length = 0;
  }
  return {
    bind(id) {
      streamId = id;
      for (const deliver of early.splice(0)) deliver();
    },
    dispose,
  };
}

/** Stops a stream; the core answers with stream.end (status cancelled). */
export function cancelStream(api: Api, streamId: string): Promise<unknown> {
  return api.call('stream.cancel', { streamId });
}
