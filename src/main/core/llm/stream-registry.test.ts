import { describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { createEventBus } from '../events';
import { withLogContext } from '../platform/log-context';
import { createLogger, silentLogger } from '../platform/logger';
import { createStreamRegistry, STREAM_END_KEPT_MS, type StreamContext } from './stream-registry';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const due = new Set<() => void>();
  return {
    schedule(fn: () => void): () => void {
      due.add(fn);
      return () => due.delete(fn);
    },
    get pending() {
      return due.size;
    },
    fireAll() {
      const callbacks = [...due];
      due.clear();
      callbacks.forEach((fn) => fn());
    },
  };
}

function setup(logger = silentLogger(), eventsKept?: number) {
  const events = createEventBus(() => undefined);
  const seen: Array<{ name: string; payload: unknown }> = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  let n = 0;
  const clock = { time: 1_000, now: () => clock.time };
  const timers = manualTimers();
  const streams = createStreamRegistry({
    events,
    ids: { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` },
    logger,
    clock,
    schedule: timers.schedule,
    ...(eventsKept !== undefined && { eventsKept }),
  });
  const ended = (id: string) =>
    new Promise<unknown[]>((resolve) => {
      const check = () => {
        const ends = seen.filter((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === id);
        if (ends.length > 0) setTimeout(() => resolve(seen.filter((e) => e.name === 'stream.end').map((e) => e.payload)), 10);
        else setTimeout(check, 1);
      };
      check();
    });
  return { streams, seen, ended, clock, timers };
}

describe('stream registry', () => {
  it('sends deltas, then exactly one end', async () => {
    const t = setup();
    const id = t.streams.start(async (s) => {
      s.delta('a');
      s.delta('b');
      return undefined;
    });
    expect(await t.ended(id)).toEqual([{ streamId: id, seq: 3, status: 'done' }]);
    expect(t.seen.filter((e) => e.name === 'stream.delta').map((e) => e.payload)).toEqual([
      { streamId: id, seq: 1, text: 'a' },
      { streamId: id, seq: 2, text: 'b' },
    ]);
  });

  it('replays the events after a seq, the end included, and claims a running stream for the asking connection', async () => {
    const t = setup();
    let finish: () => void = () => undefined;
    const id = t.streams.start(
      async (s) => {
        s.delta('The lamp ');
        s.notice('retrying', 'Trying again.');
        await new Promise<void>((resolve) => (finish = resolve));
        s.delta('guttered.');
        return undefined;
      },
      { owner: 'socket-1' },
    );
    await vi.waitFor(() => expect(t.streams.replay(id, 0).lastSeq).toBe(2));
    t.streams.release('socket-1', 15_000);
    expect(t.streams.replay(id, 1, 'socket-2')).toEqual({
      streamId: id,
      state: 'running',
      events: [{ type: 'notice', seq: 2, kind: 'retrying', message: 'Trying again.' }],
      complete: true,
      text: 'The lamp ',
      lastSeq: 2,
    });
    // Claimed: the old connection's grace stop is called off.
    expect(t.timers.pending).toBe(0);
    finish();
    await t.ended(id);
    expect(t.streams.replay(id, 2)).toEqual({
      streamId: id,
      state: 'ended',
      events: [
        { type: 'delta', seq: 3, text: 'guttered.' },
        { type: 'end', seq: 4, status: 'done' },
      ],
      complete: true,
      text: 'The lamp guttered.',
      lastSeq: 4,
    });
    expect(t.streams.replay('00000000-0000-4000-8000-000000000099', 0)).toMatchObject({ state: 'unknown', events: [] });
  });

  it('keeps a bounded number of events per stream, and says when a replay lacks some (the text stands in)', async () => {
    const t = setup(silentLogger(), 3);
    const id = t.streams.start(async (s) => {
      for (const word of ['one ', 'two ', 'three ', 'four ']) s.delta(word);
      return undefined;
    });
    await t.ended(id);
    const replay = t.streams.replay(id, 1);
    expect(replay.events.map((event) => event.seq)).toEqual([3, 4, 5]);
    expect(replay).toMatchObject({ complete: false, text: 'one two three four ', lastSeq: 5 });
    expect(t.streams.replay(id, 2)).toMatchObject({ complete: true });
  });

  it('reports a cancelled stream as cancelled, and a failure with its typed error', async () => {
    const t = setup();
    const stopped = t.streams.start(
      (s) =>
        new Promise((_resolve, reject) => {
          s.signal.addEventListener('abort', () => reject(new AppError(ErrorCode.CANCELLED, 'Stopped.')));
        }),
    );
    setTimeout(() => t.streams.cancel(stopped), 5);
    const failed = t.streams.start(async () => {
      throw new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Ollama is not running.');
    });
    await t.ended(stopped);
    await t.ended(failed);
    const ends = t.seen.filter((e) => e.name === 'stream.end').map((e) => e.payload);
    expect(ends).toContainEqual({ streamId: stopped, seq: expect.any(Number) as unknown, status: 'cancelled' });
    expect(ends).toContainEqual({ streamId: failed, seq: expect.any(Number) as unknown, status: 'error', error: { code: 'PROVIDER_UNREACHABLE', message: 'Ollama is not running.', retryable: false } });
  });

  it('still ends the stream once when the owner’s end handler fails', async () => {
    const t = setup();
    const id = t.streams.start(async () => undefined, {
      onEnd: () => {
        throw new Error('database closed');
      },
    });
    expect(await t.ended(id)).toEqual([{ streamId: id, seq: 1, status: 'done' }]);
    expect(t.streams.size).toBe(0);
  });

  it('runs each stream under its own trace id and logs its start and its end with the tokens used', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const t = setup(createLogger({ stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } }));
    const usage = { provider: 'ollama' as const, model: 'llama3.2', tokensIn: 12, tokensOut: 34, latencyMs: 5, costUsd: 0 };
    const id = withLogContext({ trace: 'c0ffee000001' }, () => t.streams.start(async () => usage));
    await t.ended(id);

    const started = lines.find((l) => l.msg === 'stream started');
    const ended = lines.find((l) => l.msg === 'stream ended');
    expect(started).toMatchObject({ level: 30, streamId: id, callTrace: 'c0ffee000001' });
    expect(started?.trace).toMatch(/^[0-9a-f]{12}$/);
    expect(started?.trace).not.toBe('c0ffee000001');
    expect(ended).toMatchObject({ level: 30, trace: started?.trace, streamId: id, status: 'done', model: 'llama3.2', tokensIn: 12, tokensOut: 34 });
  });

  it('tells what became of streams: running with the text so far, ended with its outcome and text, or unknown', async () => {
    const t = setup();
    let finish: () => void = () => undefined;
    const running = t.streams.start(async (s) => {
      s.delta('The lamp ');
      await new Promise<void>((resolve) => (finish = resolve));
      s.delta('guttered.');
      return undefined;
    });
    const failed = t.streams.start(async (s) => {
      s.delta('Half');
      throw new AppError(ErrorCode.PROVIDER_FAILED, 'The connection to Ollama dropped.');
    });
    await t.ended(failed);
    await vi.waitFor(() => expect(t.streams.status([running])).toEqual([{ streamId: running, state: 'running', text: 'The lamp ' }]));
    expect(t.streams.status([failed, '00000000-0000-4000-8000-000000000099'])).toEqual([
      { streamId: failed, state: 'ended', status: 'error', error: { code: 'PROVIDER_FAILED', message: 'The connection to Ollama dropped.', retryable: false }, text: 'Half' },
      { streamId: '00000000-0000-4000-8000-000000000099', state: 'unknown' },
    ]);
    finish();
    await t.ended(running);
    expect(t.streams.status([running])).toEqual([{ streamId: running, state: 'ended', status: 'done', text: 'The lamp guttered.' }]);
  });

  it('forgets ended streams after a while', async () => {
    const t = setup();
    const id = t.streams.start(async () => undefined);
    await t.ended(id);
    t.clock.time += STREAM_END_KEPT_MS - 1;
    expect(t.streams.status([id])[0]).toMatchObject({ state: 'ended' });
    t.clock.time += 2;
    expect(t.streams.status([id])).toEqual([{ streamId: id, state: 'unknown' }]);
  });

  it('stops the streams of a connection that is gone for good, and only those', async () => {
    const t = setup();
    const signals: AbortSignal[] = [];
    const hang = (s: StreamContext) =>
      new Promise<undefined>((_resolve, reject) => {
        signals.push(s.signal);
        s.signal.addEventListener('abort', () => reject(new AppError(ErrorCode.CANCELLED, 'Stopped.')));
      });
    const mine = t.streams.start(hang, { owner: 'window-1' });
    const other = t.streams.start(hang, { owner: 'window-2' });
    await vi.waitFor(() => expect(signals).toHaveLength(2));
    t.streams.release('window-1', 0);
    expect(await t.ended(mine)).toContainEqual({ streamId: mine, seq: expect.any(Number) as unknown, status: 'cancelled' });
    expect(t.streams.status([other])[0]).toMatchObject({ state: 'running' });
    t.streams.release('window-2', 0);
    await t.ended(other);
  });

  it('gives a dropped connection time to come back: a stream asked about by the new one goes on', async () => {
    const t = setup();
    let started = 0;
    const hang = (s: StreamContext) =>
      new Promise<undefined>((_resolve, reject) => {
        started += 1;
        s.signal.addEventListener('abort', () => reject(new AppError(ErrorCode.CANCELLED, 'Stopped.')));
      });
    const adopted = t.streams.start(hang, { owner: 'socket-1' });
    const orphan = t.streams.start(hang, { owner: 'socket-1' });
    await vi.waitFor(() => expect(started).toBe(2));
    t.streams.release('socket-1', 15_000);
    expect(t.timers.pending).toBe(2);
    expect(t.streams.status([adopted], 'socket-2')[0]).toMatchObject({ state: 'running' });
    expect(t.timers.pending).toBe(1);
    t.timers.fireAll();
    await t.ended(orphan);
    expect(t.streams.status([adopted])[0]).toMatchObject({ state: 'running' });
    // The new connection goes away for good too.
    t.streams.release('socket-2', 0);
    await t.ended(adopted);
    expect(t.streams.size).toBe(0);
  });

  it('forgets the grace timers of streams that end by themselves', async () => {
    const t = setup();
    const work: { finish: (() => void) | null } = { finish: null };
    const id = t.streams.start(() => new Promise<undefined>((resolve) => (work.finish = () => resolve(undefined))), { owner: 'socket-1' });
    await vi.waitFor(() => expect(work.finish).not.toBeNull());
    t.streams.release('socket-1', 15_000);
    expect(t.timers.pending).toBe(1);
    work.finish?.();
    await t.ended(id);
    expect(t.timers.pending).toBe(0);
  });
});
