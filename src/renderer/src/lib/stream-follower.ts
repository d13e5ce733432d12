import type { AppErrorShape } from '../../../shared/ipc/errors';
import type { EventPayload } from '../../../shared/ipc/events';
import type { StreamEvent, StreamReplay } from '../../../shared/models/llm';
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

/** A followed stream, as the connection watcher sees it. */
interface Followed {
  /** Asks the core for the events after the last one delivered, and delivers them. */
  replay(): Promise<void>;
}

/**
 * Following streams over a connection that may drop. Every stream event carries `seq`, its
 * number within the stream: each follower delivers events strictly in order, once. Events that
 * arrive before the stream's id is known are buffered; after a reconnect — or when an event
 * shows a gap — the follower asks `stream.replay` for what it missed (the end included) and
 * delivers it, so nothing is left "streaming" because a `stream.end` went by while the socket
 * was down.
 */
export function createStreams(api: Pick<Api, 'call' | 'on' | 'onStatus'>) {
  /** Bound followers, by stream id: the streams this page is showing. */
  const open = new Map<string, Followed>();
  let watching = false;
  let lost = false;

  const replayOpenStreams = async () => {
    const results = await Promise.allSettled([...open.values()].map((followed) => followed.replay()));
    // A failed question waits for the next reconnect; the streams stay as they are meanwhile.
    if (results.some((result) => result.status === 'rejected')) lost = true;
  };

  const watchConnection = () => {
    if (watching) return;
    watching = true;
    api.onStatus((status) => {
      if (status === 'closed' || status === 'unreachable') lost = true;
      if (status !== 'open' || !lost) return;
      lost = false;
      void replayOpenStreams();
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
    /** The seq of the last event delivered. */
    let lastSeq = 0;
    let replaying: Promise<void> | null = null;
    const early: Array<() => void> = [];

    const end = (result: StreamEnd) => {
      if (done) return;
      dispose();
      handlers.onEnd?.(result);
    };
    const deliver = (event: StreamEvent) => {
      if (done || event.seq <= lastSeq) return;
      lastSeq = event.seq;
      if (event.type === 'delta') handlers.onDelta?.(event.text);
      else if (event.type === 'notice') handlers.onNotice?.({ kind: event.kind, message: event.message });
      else end({ status: event.status, ...(event.error && { error: event.error }), ...(event.usage && { usage: event.usage }) });
    };
    const apply = (replayed: StreamReplay) => {
      if (done) return;
      if (replayed.state === 'unknown') return end({ status: 'error', error: STREAM_LOST });
      if (!replayed.complete) {
        // Some missed deltas were let go by the core: take the whole text instead.
        handlers.onResync?.(replayed.text);
        const ending = replayed.events.find((event) => event.type === 'end');
        lastSeq = Math.max(lastSeq, ending ? ending.seq - 1 : replayed.lastSeq);
      }
      for (const event of replayed.events) deliver(event);
    };
    const replay = (): Promise<void> => {
      if (streamId === null || done) return Promise.resolve();
      const id = streamId;
      replaying ??= api
        .call('stream.replay', { streamId: id, afterSeq: lastSeq })
        .then(apply)
        .finally(() => (replaying = null));
      return replaying;
    };
    /** A live event: in order it is delivered; after a gap (events were missed) the gap is replayed first. */
    const receive = (id: string, event: StreamEvent) => {
      const handle = () => {
        if (id !== streamId || done || event.seq <= lastSeq) return;
        if (event.seq === lastSeq + 1) deliver(event);
        else replay().catch(() => (lost = true));
      };
      if (streamId === null) early.push(handle);
      else handle();
    };
    const offs = [
      api.on('stream.delta', ({ streamId: id, ...e }) => receive(id, { type: 'delta', ...e })),
      api.on('stream.notice', ({ streamId: id, ...e }) => receive(id, { type: 'notice', ...e })),
      api.on('stream.end', ({ streamId: id, ...e }) => receive(id, { type: 'end', ...e })),
    ];
    const followed: Followed = { replay };
    function dispose() {
      done = true;
      for (const off of offs) off();
      offs.length = 0;
      if (streamId !== null && open.get(streamId) === followed) open.delete(streamId);
    }
    return {
      bind(id) {
        if (done) return;
        streamId = id;
        open.set(id, followed);
        for (const handle of early.splice(0)) handle();
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
