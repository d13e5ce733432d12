import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { signalWithTimeout } from './abort';

/** Forces a full garbage collection (the bug this guards against shows only after one). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    else signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });

describe('signalWithTimeout', () => {
  it('aborts with a TimeoutError after the limit even when the garbage collector ran meanwhile', async () => {
    const timed = signalWithTimeout(undefined, 30);
    collectGarbage();
    const reason = await aborted(timed.signal);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the parent reason when the parent aborts first', async () => {
    const parent = new AbortController();
    const timed = signalWithTimeout(parent.signal, 60_000);
    parent.abort(new Error('stop'));
    expect(await aborted(timed.signal)).toEqual(new Error('stop'));
  });

  it('follows a parent that is an AbortSignal.timeout, through a garbage collection', async () => {
    const timed = signalWithTimeout(AbortSignal.timeout(20), 60_000);
    collectGarbage();
    expect(((await aborted(timed.signal)) as DOMException).name).toBe('TimeoutError');
    timed.dispose();
  });

  it('is aborted at once when the parent already is', () => {
    const parent = AbortSignal.abort('gone');
    expect(signalWithTimeout(parent, 60_000).signal.aborted).toBe(true);
  });

  it('never aborts after dispose', async () => {
    const timed = signalWithTimeout(undefined, 10);
    timed.dispose();
    const later = signalWithTimeout(undefined, 40); // outlives the first one's limit
    await aborted(later.signal);
    expect(timed.signal.aborted).toBe(false);
  });
});
