import type { AppErrorShape } from '../../../shared/ipc/errors';
import type { EventPayload } from '../../../shared/ipc/events';
import { STREAM_STATUS_MAX, type StreamState } from '../../../shared/models/llm';
import type { Api } from './api';

export interface StreamEnd {
  status: 'done' | 'cancelled' | 'error';
  error?: AppErrorShape;
  usage?: EventPayload<'stream.end'>['usage'];
}

export interface StreamHandlers {
  onDelta?(text: string): void;
  /**
   * The stream's whole text so far, after a reconnect during which deltas may have been missed:
   * it replaces what was shown (later deltas append to it as usual).
   */
  onResync?(text: string): void;
  onNotice?(notice: { kind: 'fallback' | 'trimmed' | 'retrying'; message: string }): void;
  onEnd?(end: StreamEnd): void;
}

export interface StreamFollower {
  bind(streamId: string): void;
  dispose(): void;
}

/** What a stream the core no longer knows (it restarted meanwhile) ends with. */
export const STREAM_LOST: AppErrorShape = {
  code: 'DISCONNECTED',
  message: 'The connection to Nova Studio’s core dropped and this answer could not be recovered. Try again.',
  retryable: true,
};

/**
 * Following streams over a connection that may drop: events that arrive before the stream's
 * id is known are buffered, and after a reconnect every followed stream is asked about
 * (`stream.status`) and settled — its text resynced, its end delivered if it was missed — so
 * nothing is left "streaming" because a `stream.end` went by while the socket was down.
 */
export function createStreams(api: Pick<Api, 'call' | 'on' | 'onStatus'>) {
  /** Bound followers, by stream id: the streams this page is showing. */
  const open = new Map<string, (state: StreamState) => void>();
  let watching = false;
  let lost = false;

  const settleOpenStreams = async () => {
    const ids = [...open.keys()];
    for (let i = 0; i < ids.length; i += STREAM_STATUS_MAX) {
      const { streams } = await api.call('stream.status', { streamIds: ids.slice(i, i + STREAM_STATUS_MAX) });
      for (const state of streams) open.get(state.streamId)?.(state);
    }
  };

  const watchConnection = () => {
    if (watching) return;
    watching = true;
    api.onStatus((status) => {
      if (status === 'closed' || status === 'unreachable') lost = true;
      if (status !== 'open' || !lost) return;
      lost = false;
      // A failed question waits for the next reconnect; the streams stay as they are meanwhile.
      settleOpenStreams().catch(() => (lost = true));
    });
  };

  /**
   * Follows one stream's events. Subscribe BEFORE starting the stream and pass the id in once
   * known: events that arrive before then are buffered, so no early token is lost.
   */
  function follow(handlers: StreamHandlers): StreamFollower {
    watchConnection();
    let streamId: string | null = null;
    let done = false;
    const early: Array<() => void> = [];
    const route = (id: string, deliver: () => void) => {
      if (streamId === null) early.push(() => id === streamId && deliver());
      else if (id === streamId) deliver();
    };
    const end = (result: StreamEnd) => {
      if (done) return;
      dispose();
      handlers.onEnd?.(result);
    };
    const settle = (state: StreamState) => {
      if (state.state === 'unknown') return end({ status: 'error', error: STREAM_LOST });
      handlers.onResync?.(state.text);
      if (state.state === 'ended') end({ status: state.status, ...(state.error && { error: state.error }) });
    };
    const offs = [
      api.on('stream.delta', (e) => route(e.streamId, () => handlers.onDelta?.(e.text))),
      api.on('stream.notice', (e) => route(e.streamId, () => handlers.onNotice?.({ kind: e.kind, message: e.message }))),
      api.on('stream.end', (e) => route(e.streamId, () => end({ status: e.status, ...(e.error && { error: e.error }), ...(e.usage && { usage: e.usage }) }))),
    ];
    function dispose() {
      done = true;
      for (const off of offs) off();
      offs.length = 0;
      if (streamId !== null && open.get(streamId) === settle) open.delete(streamId);
    }
    return {
      bind(id) {
        if (done) return;
        streamId = id;
        open.set(id, settle);
        for (const deliver of early.splice(0)) deliver();
      },
      dispose,
    };
  }

  return {
    follow,
    /** Stops a stream; the core answers with stream.end (status cancelled). */
    cancel: (streamId: string): Promise<unknown> => api.call('stream.cancel', { streamId }),
  };
}

type StreamsClient = Pick<Api, 'call' | 'on' | 'onStatus'>;
const byClient = new WeakMap<StreamsClient, ReturnType<typeof createStreams>>();

/** The streams of one client: one set per connection, so a reconnect settles all it follows. */
export function streamsFor(api: StreamsClient): ReturnType<typeof createStreams> {
  let streams = byClient.get(api);
  if (!streams) {
    streams = createStreams(api);
    byClient.set(api, streams);
  }
  return streams;
}
