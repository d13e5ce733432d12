import { describe, expect, it } from 'vitest';
import type { StreamReplay } from '../../../shared/models/llm';
import { createFakeApi } from '../testing/fake-api';
import { createStreams, STREAM_LOST, type StreamHandlers } from './stream-follower';

const S1 = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-0000000000ff';

/** A fake client whose `stream.replay` answers from `replays` (by stream id); unknown otherwise. */
function setup(replays: StreamReplay[] = []) {
  const api = createFakeApi({
    'stream.replay': ({ streamId, afterSeq }) => {
      const replay = replays.find((r) => r.streamId === streamId) ?? { streamId, state: 'unknown', events: [], complete: true, text: '', lastSeq: 0 };
      return { ...replay, events: replay.events.filter((event) => event.seq > afterSeq) };
    },
  });
  return { api, streams: createStreams(api), answerReplay: (next: StreamReplay[]) => replays.splice(0, replays.length, ...next) };
}

function recorder() {
  const seen: string[] = [];
  const handlers: StreamHandlers = {
    onDelta: (text) => seen.push(`delta:${text}`),
    onResync: (text) => seen.push(`resync:${text}`),
    onNotice: (notice) => seen.push(`notice:${notice.kind}`),
    onEnd: (end) => seen.push(`end:${end.status}${end.error ? `:${end.error.code}` : ''}`),
  };
  return { seen, handlers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('following streams', () => {
  it('buffers events that arrive before the id is known, and ends exactly once', () => {
    const { api, streams } = setup();
    const r = recorder();
    const follower = streams.follow(r.handlers);
    api.emit('stream.delta', { streamId: S1, text: 'The ' });
    api.emit('stream.delta', { streamId: OTHER, text: 'x' });
    follower.bind(S1);
    api.emit('stream.delta', { streamId: S1, text: 'lamp' });
    api.emit('stream.end', { streamId: S1, status: 'done' });
    api.emit('stream.end', { streamId: S1, status: 'done' });
    expect(r.seen).toEqual(['delta:The ', 'delta:lamp', 'end:done']);
    expect(api.listenerCount('stream.delta')).toBe(0);
  });

  it('after a reconnect, replays the events it missed, the end included, each once', async () => {
    const { api, streams, answerReplay } = setup();
    const r = recorder();
    streams.follow(r.handlers).bind(S1);
    api.emit('stream.delta', { streamId: S1, text: 'The lamp' });
    api.setStatus('closed');
    // Meanwhile the core finished the reply; its last deltas and its end went by unseen.
    answerReplay([
      {
        streamId: S1,
        state: 'ended',
        events: [
          { type: 'delta', seq: 1, text: 'The lamp' },
          { type: 'delta', seq: 2, text: ' guttered.' },
          { type: 'notice', seq: 3, kind: 'retrying', message: 'Trying again.' },
          { type: 'end', seq: 4, status: 'done' },
        ],
        complete: true,
        text: 'The lamp guttered.',
        lastSeq: 4,
      },
    ]);
    api.setStatus('connecting');
    api.setStatus('open');
    await settle();
    expect(api.calls).toEqual([{ method: 'stream.replay', input: { streamId: S1, afterSeq: 1 } }]);
    expect(r.seen).toEqual(['delta:The lamp', 'delta: guttered.', 'notice:retrying', 'end:done']);
    // A late end (it cannot come, but if it did) is not delivered twice.
    api.emit('stream.end', { streamId: S1, seq: 4, status: 'done' });
    expect(r.seen.filter((s) => s.startsWith('end'))).toHaveLength(1);
  });

  it('replays a stream that is still running, then goes on with live events, ignoring ones it already has', async () => {
    const running: StreamReplay = { streamId: S1, state: 'running', events: [{ type: 'delta', seq: 1, text: 'Half of it' }], complete: true, text: 'Half of it', lastSeq: 1 };
    const { api, streams } = setup([running]);
    const r = recorder();
    streams.follow(r.handlers).bind(S1);
    api.setStatus('closed');
    api.setStatus('open');
    await settle();
    api.emit('stream.delta', { streamId: S1, seq: 1, text: 'Half of it' });
    api.emit('stream.delta', { streamId: S1, seq: 2, text: ' and more' });
    api.emit('stream.end', { streamId: S1, seq: 3, status: 'error', error: { code: 'PROVIDER_FAILED', message: 'Dropped.', retryable: true } });
    expect(r.seen).toEqual(['delta:Half of it', 'delta: and more', 'end:error:PROVIDER_FAILED']);
  });

  it('fills a gap in the live events from a replay before going on', async () => {
    const { api, streams, answerReplay } = setup();
    const r = recorder();
    streams.follow(r.handlers).bind(S1);
    api.emit('stream.delta', { streamId: S1, seq: 1, text: 'One' });
    answerReplay([
      {
        streamId: S1,
        state: 'running',
        events: [1, 2, 3].map((seq) => ({ type: 'delta' as const, seq, text: ` ${seq}` })),
        complete: true,
        text: 'One 2 3',
        lastSeq: 3,
      },
    ]);
    // Event 2 was missed: event 3 is held back until the replay brings 2 and 3 in order.
    api.emit('stream.delta', { streamId: S1, seq: 3, text: ' 3' });
    await settle();
    expect(r.seen).toEqual(['delta:One', 'delta: 2', 'delta: 3']);
  });

  it('takes the whole text when the core let some of the missed events go', async () => {
    const { api, streams } = setup([
      { streamId: S1, state: 'ended', events: [{ type: 'delta', seq: 900, text: 'end.' }, { type: 'end', seq: 901, status: 'done' }], complete: false, text: 'A long reply … end.', lastSeq: 901 },
    ]);
    const r = recorder();
    streams.follow(r.handlers).bind(S1);
    api.emit('stream.delta', { streamId: S1, seq: 1, text: 'A long' });
    api.setStatus('closed');
    api.setStatus('open');
    await settle();
    expect(r.seen).toEqual(['delta:A long', 'resync:A long reply … end.', 'end:done']);
  });

  it('ends a stream the core no longer knows with a clear error', async () => {
    const { api, streams } = setup();
    const ends: unknown[] = [];
    streams.follow({ onEnd: (end) => ends.push(end) }).bind(S1);
    api.setStatus('unreachable');
    api.setStatus('open');
    await settle();
    expect(ends).toEqual([{ status: 'error', error: STREAM_LOST }]);
  });

  it('asks nothing when the connection never dropped, or about streams no longer followed', async () => {
    const { api, streams } = setup();
    const follower = streams.follow({});
    follower.bind(S1);
    api.setStatus('open');
    follower.dispose();
    api.setStatus('closed');
    api.setStatus('open');
    await settle();
    expect(api.calls).toEqual([]);
  });
});
