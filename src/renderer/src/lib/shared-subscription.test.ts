import { describe, expect, it, vi } from 'vitest';
import { createSharedSubscription } from './shared-subscription';

describe('a shared subscription', () => {
  it('starts with the first holder, stops with the last, and ignores a second release', () => {
    const stop = vi.fn();
    const start = vi.fn(() => stop);
    const shared = createSharedSubscription(start);
    const releaseA = shared.retain();
    const releaseB = shared.retain();
    expect(start).toHaveBeenCalledTimes(1);
    releaseA();
    releaseA();
    expect(stop).not.toHaveBeenCalled();
    releaseB();
    expect(stop).toHaveBeenCalledTimes(1);
    shared.retain();
    expect(start).toHaveBeenCalledTimes(2);
  });
});
