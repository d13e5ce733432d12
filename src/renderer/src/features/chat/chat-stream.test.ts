import { describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../lib/streams';
import type { FrameScheduler } from '../inline-ai/frame-batcher';
import { streamReply, type ReplyHooks, type ReplyStarted } from './chat-stream';

function harness() {
  let handlers: StreamHandlers = {};
  const bound: string[] = [];
  const due: Array<() => void> = [];
  const frames: FrameScheduler = { request: (cb) => due.push(cb), cancel: () => undefined };
  const deps = {
    follow: (h: StreamHandlers) => ((handlers = h), { bind: (id: string) => bound.push(id), dispose: vi.fn() }),
    cancel: vi.fn(async () => ({ ok: true })),
    frames,
  };
  const events: string[] = [];
  const hooks: ReplyHooks = {
    onStarted: (s) => events.push(`started:${s.assistantMessageId}`),
    onText: (t) => events.push(`text:${t}`),
    onResync: (t) => events.push(`resync:${t}`),
    onNotice: (n) => events.push(`notice:${n.kind}`),
    onEnd: (status, error) => events.push(`end:${status}${error ? `:${error.code}` : ''}`),
    onFailed: () => events.push('failed'),
  };
  let answer!: { resolve(v: ReplyStarted): void; reject(e: unknown): void };
  const start = () => new Promise<ReplyStarted>((resolve, reject) => (answer = { resolve, reject }));
  const tick = () => due.splice(0).forEach((cb) => cb());
  return { deps, hooks, start, answer: () => answer, handlers: () => handlers, bound, events, tick };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('streamReply', () => {
  it('listens before starting, binds the id, and batches text per frame', async () => {
    const h = harness();
    streamReply(h.start, h.hooks, h.deps);
    h.answer().resolve({ streamId: 'st', assistantMessageId: 'a1' });
    await settle();
    expect(h.bound).toEqual(['st']);
    h.handlers().onNotice?.({ kind: 'fallback', message: 'Using another model.' });
    h.handlers().onDelta?.('Hel');
    h.handlers().onDelta?.('lo');
    h.tick();
    h.handlers().onDelta?.('!');
    h.handlers().onEnd?.({ status: 'done' });
    expect(h.events).toEqual(['started:a1', 'notice:fallback', 'text:Hello', 'text:!', 'end:done']);
  });

  it('hands on waiting text before a resync replaces it', async () => {
    const h = harness();
    streamReply(h.start, h.hooks, h.deps);
    h.answer().resolve({ streamId: 'st', assistantMessageId: 'a1' });
    await settle();
    h.handlers().onDelta?.('Hel');
    h.handlers().onResync?.('Hello, all of it');
    h.handlers().onDelta?.('!');
    h.tick();
    expect(h.events).toEqual(['started:a1', 'text:Hel', 'resync:Hello, all of it', 'text:!']);
  });

  it('cancels as soon as the id is known when stopped early', async () => {
    const h = harness();
    const handle = streamReply(h.start, h.hooks, h.deps);
    handle.stop();
    expect(h.deps.cancel).not.toHaveBeenCalled();
    h.answer().resolve({ streamId: 'st2', assistantMessageId: 'a2' });
    await settle();
    expect(h.deps.cancel).toHaveBeenCalledWith('st2');
  });

  it('reports a refused start', async () => {
    const h = harness();
    streamReply(h.start, h.hooks, h.deps);
    h.answer().reject(new Error('nope'));
    await settle();
    expect(h.events).toEqual(['failed']);
  });
});
