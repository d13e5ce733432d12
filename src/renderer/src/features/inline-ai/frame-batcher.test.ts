import { describe, expect, it } from 'vitest';
import { createTextBatcher, type FrameScheduler } from './frame-batcher';

function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = {
    request: (callback) => {
      callbacks.set(next, callback);
      return next++;
    },
    cancel: (handle) => callbacks.delete(handle),
  };
  const tick = () => {
    const due = [...callbacks.values()];
    callbacks.clear();
    for (const callback of due) callback();
  };
  return { frames, tick, waiting: () => callbacks.size };
}

describe('text batcher', () => {
  it('hands on the tokens of one frame as one update', () => {
    const { frames, tick, waiting } = manualFrames();
    const out: string[] = [];
    const batcher = createTextBatcher((text) => out.push(text), frames);
    batcher.push('Once');
    batcher.push(' upon');
    batcher.push(' a');
    expect(waiting()).toBe(1);
    expect(out).toEqual([]);
    tick();
    expect(out).toEqual(['Once upon a']);
    batcher.push(' time');
    tick();
    expect(out).toEqual(['Once upon a', ' time']);
  });

  it('flushes at once on demand and drops on dispose', () => {
    const { frames, tick, waiting } = manualFrames();
    const out: string[] = [];
    const batcher = createTextBatcher((text) => out.push(text), frames);
    batcher.push('a');
    batcher.flush();
    expect(out).toEqual(['a']);
    expect(waiting()).toBe(0);
    batcher.push('b');
    batcher.dispose();
    tick();
    expect(out).toEqual(['a']);
  });
});
