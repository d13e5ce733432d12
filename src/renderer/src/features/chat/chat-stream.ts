import type { AppErrorShape } from '../../../../shared/ipc/errors';
import type { StreamHandlers } from '../../lib/streams';
import { createTextBatcher, type FrameScheduler } from '../inline-ai/frame-batcher';

export interface ReplyStarted {
  /** Null when the reply is complete already: the crew started a run, or asked a question back. */
  streamId: string | null;
  assistantMessageId: string;
}

export interface ReplyNotice {
  kind: 'fallback' | 'trimmed' | 'retrying';
  message: string;
}

/** What a reply's stream reports, already batched: text at most once per frame. */
export interface ReplyHooks {
  onStarted(started: ReplyStarted): void;
  onText(text: string): void;
  /** The reply's whole text so far, after a reconnect: replaces what was shown. */
  onResync(text: string): void;
  onNotice(notice: ReplyNotice): void;
  onEnd(status: 'done' | 'cancelled' | 'error', error: AppErrorShape | null): void;
  /** The call that starts the reply failed (nothing streams). */
  onFailed(error: unknown): void;
}

export interface StreamDeps {
  follow(handlers: StreamHandlers): { bind(streamId: string): void; dispose(): void };
  cancel(streamId: string): Promise<unknown>;
  frames?: FrameScheduler;
}

export interface ReplyHandle {
  /** Stops the reply; works before the core has even answered with the stream's id. */
  stop(): void;
  /** Stops listening (the reply goes on in the core; the stored message shows it later). */
  detach(): void;
}

/**
 * Runs one chat reply: listens before starting (so no early token is lost), starts it, and feeds
 * its text to `hooks` once per frame. Stop before the id is known cancels as soon as it is.
 */
export function streamReply(start: () => Promise<ReplyStarted>, hooks: ReplyHooks, deps: StreamDeps): ReplyHandle {
  let streamId: string | null = null;
  let stopRequested = false;
  let detached = false;
  const batcher = createTextBatcher((text) => hooks.onText(text), deps.frames);
  const follower = deps.follow({
    onDelta: (text) => batcher.push(text),
    onResync: (text) => {
      batcher.flush();
      hooks.onResync(text);
    },
    onNotice: (notice) => hooks.onNotice(notice),
    onEnd: (end) => {
      batcher.flush();
      hooks.onEnd(end.status, end.error ?? null);
    },
  });
  const cancel = (id: string) => void deps.cancel(id).catch(() => undefined);

  start().then(
    (started) => {
      if (detached) return;
      hooks.onStarted(started);
      if (started.streamId === null) {
        // Nothing streams: the stored reply is the whole answer.
        follower.dispose();
        batcher.dispose();
        hooks.onEnd('done', null);
        return;
      }
      streamId = started.streamId;
      follower.bind(started.streamId);
      if (stopRequested) cancel(started.streamId);
    },
    (error: unknown) => {
      follower.dispose();
      batcher.dispose();
      if (!detached) hooks.onFailed(error);
    },
  );

  return {
    stop() {
      stopRequested = true;
      batcher.flush();
      if (streamId) cancel(streamId);
    },
    detach() {
      detached = true;
      follower.dispose();
      batcher.dispose();
    },
  };
}
