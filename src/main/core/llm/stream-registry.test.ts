import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { createEventBus } from '../events';
import { withLogContext } from '../platform/log-context';
import { createLogger, silentLogger } from '../platform/logger';
import { createStreamRegistry } from './stream-registry';

function setup(logger = silentLogger()) {
  const events = createEventBus(() => undefined);
  const seen: Array<{ name: string; payload: unknown }> = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  let n = 0;
  const streams = createStreamRegistry({ events, ids: { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` }, logger });
  const ended = (id: string) =>
    new Promise<unknown[]>((resolve) => {
      const check = () => {
        const ends = seen.filter((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === id);
        if (ends.length > 0) setTimeout(() => resolve(seen.filter((e) => e.name === 'stream.end').map((e) => e.payload)), 10);
        else setTimeout(check, 1);
      };
      check();
    });
  return { streams, seen, ended };
}

describe('stream registry', () => {
  it('sends deltas, then exactly one end', async () => {
    const t = setup();
    const id = t.streams.start(async (s) => {
      s.delta('a');
      s.delta('b');
      return undefined;
    });
    expect(await t.ended(id)).toEqual([{ streamId: id, status: 'done' }]);
    expect(t.seen.filter((e) => e.name === 'stream.delta').map((e) => (e.payload as { text: string }).text)).toEqual(['a', 'b']);
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
    expect(ends).toContainEqual({ streamId: stopped, status: 'cancelled' });
    expect(ends).toContainEqual({ streamId: failed, status: 'error', error: { code: 'PROVIDER_UNREACHABLE', message: 'Ollama is not running.', retryable: false } });
  });

  it('still ends the stream once when the owner’s end handler fails', async () => {
    const t = setup();
    const id = t.streams.start(async () => undefined, {
      onEnd: () => {
        throw new Error('database closed');
      },
    });
    expect(await t.ended(id)).toEqual([{ streamId: id, status: 'done' }]);
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
});
