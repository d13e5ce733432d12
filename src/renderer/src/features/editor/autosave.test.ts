import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type AutosaveStatus, type SaveFailure } from './autosave';

class FakeError extends Error {
  constructor(readonly kind: SaveFailure) {
    super(kind);
  }
}

interface Call {
  content: string;
  base: number;
  resolve(revision: number): void;
  reject(error: unknown): void;
}

/** A save function whose calls the test answers by hand. */
function fakeSave() {
  const calls: Call[] = [];
  const stored: string[] = [];
  const save = (content: string, base: number) =>
    new Promise<{ revision: number }>((resolve, reject) => {
      calls.push({
        content,
        base,
        resolve: (revision) => {
          stored.push(content);
          resolve({ revision });
        },
        reject,
      });
    });
  return { calls, stored, save };
}

function setup(initialRevision = 1, maxWaitMs?: number) {
  const fake = fakeSave();
  const statuses: AutosaveStatus[] = [];
  const autosave = createAutosave<string>({
    initialRevision,
    ...(maxWaitMs !== undefined && { maxWaitMs }),
    save: fake.save,
    classify: (error) => (error instanceof FakeError ? error.kind : 'fatal'),
    delayMs: 700,
    retryBaseMs: 500,
    maxRetryMs: 4_000,
    onStatus: (status) => statuses.push(status),
  });
  return { ...fake, statuses, autosave };
}

/** Lets promise callbacks run without moving the fake clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('createAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, 700 ms after typing stops, with the newest content', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await vi.advanceTimersByTimeAsync(500);
    autosave.change('ab');
    await vi.advanceTimersByTimeAsync(500);
    autosave.change('abc');
    await vi.advanceTimersByTimeAsync(699);
    expect(calls).toHaveLength(0);
    expect(autosave.status()).toBe('dirty');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.content)).toEqual(['abc']);
    expect(autosave.status()).toBe('saving');
    calls[0]?.resolve(2);
    await settle();
    expect(autosave.status()).toBe('saved');
    expect(autosave.revision()).toBe(2);
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('never has two saves in flight and coalesces to the latest content', async () => {
    const { autosave, calls, stored } = setup();
    autosave.change('one');
    await vi.advanceTimersByTimeAsync(700);
    expect(calls).toHaveLength(1);
    autosave.change('two');
    autosave.change('three');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1); // still waiting for the first answer
    calls[0]?.resolve(2);
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ content: 'three', base: 2 });
    calls[1]?.resolve(3);
    await settle();
    expect(stored).toEqual(['one', 'three']);
    expect(autosave.status()).toBe('saved');
  });

  it('flush saves at once and waits for an in-flight save plus the newer content', async () => {
    const { autosave, calls } = setup();
    autosave.change('first');
    const flushed = autosave.flush();
    expect(calls.map((c) => c.content)).toEqual(['first']);
    autosave.change('second');
    const second = autosave.flush();
    let done = false;
    void second.then(() => {
      done = true;
    });
    calls[0]?.resolve(2);
    await settle();
    expect(calls.map((c) => c.content)).toEqual(['first', 'second']);
    expect(done).toBe(false);
    calls[1]?.resolve(3);
    await flushed;
    await settle();
    expect(done).toBe(true);
    expect(autosave.revision()).toBe(3);
  });

  it('flush without changes does not call save', async () => {
    const { autosave, calls } = setup();
    await autosave.flush();
    expect(calls).toHaveLength(0);
  });

  it('retries with backoff while offline and never drops the text', async () => {
    const { autosave, calls, statuses } = setup();
    autosave.change('precious');
    await vi.advanceTimersByTimeAsync(700);
    calls[0]?.reject(new FakeError('retry'));
    await settle();
    expect(autosave.status()).toBe('offline');
    expect(autosave.hasUnsaved()).toBe(true);
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    calls[1]?.reject(new FakeError('retry'));
    await settle();
    await vi.advanceTimersByTimeAsync(999); // second delay doubles
    expect(calls).toHaveLength(2);
    autosave.change('precious and more'); // typing while offline keeps the newest text
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2); // the retry waits for the typing to pause
    expect(autosave.status()).toBe('offline');
    await vi.advanceTimersByTimeAsync(699);
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject({ content: 'precious and more', base: 1 });
    calls[2]?.resolve(2);
    await settle();
    expect(autosave.status()).toBe('saved');
    expect(statuses).toContain('offline');
  });

  it('caps the backoff delay', async () => {
    const { autosave, calls } = setup();
    autosave.change('x');
    void autosave.flush();
    for (let i = 0; i < 6; i += 1) {
      calls[calls.length - 1]?.reject(new FakeError('retry'));
      await settle();
      await vi.advanceTimersByTimeAsync(4_000);
    }
    expect(calls).toHaveLength(7);
  });

  it('flush during an offline wait retries at once', async () => {
    const { autosave, calls } = setup();
    autosave.change('x');
    await vi.advanceTimersByTimeAsync(700);
    calls[0]?.reject(new FakeError('retry'));
    await settle();
    const flushed = autosave.flush();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(2);
    await flushed;
    expect(autosave.status()).toBe('saved');
  });

  it('stops on a conflict until the user chooses, keeping later typing', async () => {
    const { autosave, calls } = setup(4);
    autosave.change('mine');
    await vi.advanceTimersByTimeAsync(700);
    calls[0]?.reject(new FakeError('conflict'));
    await settle();
    expect(autosave.status()).toBe('conflict');
    autosave.change('mine, still typing');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(autosave.status()).toBe('conflict');
    const overwritten = autosave.overwrite(9);
    expect(calls[1]).toMatchObject({ content: 'mine, still typing', base: 9 });
    calls[1]?.resolve(10);
    await overwritten;
    expect(autosave.status()).toBe('saved');
    expect(autosave.revision()).toBe(10);
  });

  it('reset discards waiting content and ignores a save that was in flight', async () => {
    const { autosave, calls } = setup();
    autosave.change('old');
    await vi.advanceTimersByTimeAsync(700);
    autosave.reset(7);
    calls[0]?.resolve(2);
    await settle();
    expect(autosave.revision()).toBe(7);
    expect(autosave.status()).toBe('saved');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
  });

  it('keeps the text after a fatal error and tries again on the next change', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await vi.advanceTimersByTimeAsync(700);
    calls[0]?.reject(new Error('boom'));
    await settle();
    expect(autosave.status()).toBe('error');
    expect(autosave.hasUnsaved()).toBe(true);
    autosave.change('ab');
    await vi.advanceTimersByTimeAsync(700);
    expect(calls[1]?.content).toBe('ab');
  });

  it('dispose stops pending timers', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(0);
    expect(autosave.hasUnsaved()).toBe(true);
  });
});

describe('createAutosave: merged saves', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A save answered by hand with a revision and, when merged, the merged text. */
  function mergingSetup() {
    const calls: Array<{ content: string; base: number; ownBase: boolean; answer(revision: number, merged?: string): void }> = [];
    const adopted: string[] = [];
    const autosave = createAutosave<string, { revision: number; content?: string }>({
      initialRevision: 1,
      save: (content, base, ownBase) =>
        new Promise((resolve) => {
          calls.push({ content, base, ownBase, answer: (revision, merged) => resolve(merged === undefined ? { revision } : { revision, content: merged }) });
        }),
      classify: () => 'fatal',
      delayMs: 700,
      mergedOf: (result) => result.content,
      adopt: (content) => adopted.push(content),
    });
    return { calls, adopted, autosave };
  }

  it('shows a merged answer when nothing was typed meanwhile, and bases the next save on it', async () => {
    const { calls, adopted, autosave } = mergingSetup();
    autosave.change('mine');
    await vi.advanceTimersByTimeAsync(700);
    calls[0]?.answer(3, 'theirs + mine');
    await settle();
    expect(adopted).toEqual(['theirs + mine']);
    expect(autosave.ownBase()).toBe(false);
    autosave.change('theirs + mine + more');
    await vi.advanceTimersByTimeAsync(700);
    expect(calls[1]).toMatchObject({ content: 'theirs + mine + more', base: 3, ownBase: false });
  });

  it('keeps the typed text when a merged answer arrives mid-typing, saves it as descending from its own save, then shows the merge', async () => {
    const { calls, adopted, autosave } = mergingSetup();
    autosave.change('mine');
    await vi.advanceTimersByTimeAsync(700);
    autosave.change('mine and more');
    calls[0]?.answer(3, 'theirs + mine');
    await settle();
    expect(adopted).toEqual([]);
    expect(autosave.ownBase()).toBe(true);
    await vi.advanceTimersByTimeAsync(700);
    expect(calls[1]).toMatchObject({ content: 'mine and more', base: 3, ownBase: true });
    calls[1]?.answer(4, 'theirs + mine and more');
    await settle();
    expect(adopted).toEqual(['theirs + mine and more']);
    expect(autosave.ownBase()).toBe(false);
    expect(autosave.status()).toBe('saved');
  });

  it('with maxWaitMs, saves changes that keep coming without a pause once the first has waited that long', async () => {
    const { autosave, calls } = setup(1, 2_000);
    for (let i = 0; i < 5; i += 1) {
      autosave.change(`v${String(i)}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    // 2,500 ms of changes 500 ms apart: without the cap nothing would have been saved yet.
    expect(calls.map((call) => call.content)).toEqual(['v3']);
    calls[0]?.resolve(2);
    await settle();
    await vi.advanceTimersByTimeAsync(700);
    expect(calls.map((call) => call.content)).toEqual(['v3', 'v4']);
  });

  it('a flush while a failing save is in flight leaves one retry, which dispose clears', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await vi.advanceTimersByTimeAsync(700);
    const flushed = autosave.flush();
    calls[0]?.reject(new FakeError('retry'));
    await settle();
    calls[1]?.reject(new FakeError('retry'));
    await flushed;
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
  });
});
