import { describe, expect, it } from 'vitest';
import type { StreamState } from '../../../shared/models/llm';
import { createFakeApi } from '../testing/fake-api';
import { createStreams, STREAM_LOST, type StreamHandlers } from './stream-follower';

const S1 = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-0000000000ff';

/** A fake client whose `stream.status` answers from `states`. */
function setup(states: StreamState[] = []) {
  const api = createFakeApi({ 'stream.status': ({ streamIds }) => ({ streams: states.filter((s) => streamIds.includes(s.streamId)) }) });
  return { api, streams: createStreams(api), answerStatus: (next: StreamState[]) => states.splice(0, states.length, ...next) };
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

  it('after a reconnect, settles a stream whose end was missed with its full text and outcome', async () => {
    const { api, streams, answerStatus } = setup();
    const r = recorder();
    streams.follow(r.handlers).bind(S1);
    api.emit('stream.delta', { streamId: S1, text: 'The lamp' });
    api.setStatus('closed');
    // Meanwhile the core finished the reply; its last deltas and its end went by unseen.
    answerStatus([{ streamId: S1, state: 'ended', status: 'done', text: 'The lamp guttered.' }]);
    api.setStatus('connecting');
    api.setStatus('open');
    await settle();
    expect(api.calls).toEqual([{ method: 'stream.status', input: { streamIds: [S1] } }]);
    expect(r.seen).toEqual(['delta:The lamp', 'resync:The lamp guttered.', 'end:done']);
    // A late end (it cannot come, but if it did) is not delivered twice.
    api.emit('stream.end', { streamId: S1, status: 'done' });
    expect(r.seen.filter((s) => s.startsWith('end'))).toHaveLength(1);
  });

  it('resyncs a stream that is still running, then goes on appending', async () => {
    const { api, streams } = setup([{ streamId: S1, state: 'running', text: 'Half of it' }]);
    const r = recorder();
    streams.follow(r.handlers).bind(S1);
    api.setStatus('closed');
    api.setStatus('open');
    await settle();
    api.emit('stream.delta', { streamId: S1, text: ' and more' });
    api.emit('stream.end', { streamId: S1, status: 'error', error: { code: 'PROVIDER_FAILED', message: 'Dropped.', retryable: true } });
    expect(r.seen).toEqual(['resync:Half of it', 'delta: and more', 'end:error:PROVIDER_FAILED']);
  });

  it('ends a stream the core no longer knows with a clear error', async () => {
    const { api, streams } = setup([{ streamId: S1, state: 'unknown' }]);
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
