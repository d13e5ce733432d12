/** Schedules a callback before the next paint; returns a handle to cancel it. */
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface TextBatcher {
  /** Adds streamed text; it is handed on once per frame, joined. */
  push(text: string): void;
  /** Hands on whatever is waiting now (before an end or a stop). */
  flush(): void;
  /** Drops whatever is waiting and stops. */
  dispose(): void;
}

/**
 * Joins the tokens of a stream that arrive within one frame into one update, so a fast model
 * (hundreds of tokens a second) costs one render per frame instead of one per token.
 */
export function createTextBatcher(onText: (text: string) => void, frames: FrameScheduler = animationFrames): TextBatcher {
  let pending = '';
  let handle: number | null = null;
  const flush = () => {
    if (handle !== null) frames.cancel(handle);
    handle = null;
    if (!pending) return;
    const text = pending;
    pending = '';
    onText(text);
  };
  return {
    push(text) {
      if (!text) return;
      pending += text;
      if (handle === null) handle = frames.request(flush);
    },
    flush,
    dispose() {
      if (handle !== null) frames.cancel(handle);
      handle = null;
      pending = '';
    },
  };
}
