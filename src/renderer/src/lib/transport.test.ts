// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameLimits } from '../../../shared/ipc/frame-limits';
import { createTransport } from './transport';

/** Stands in for the browser's WebSocket: opens at once and records what is sent. */
class FakeSocket {
  static last: FakeSocket | null = null;
  readonly sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    FakeSocket.last = this;
    queueMicrotask(() => this.onopen?.());
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.onclose?.();
  }
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
  window.history.replaceState(null, '', '/?token=t0k3n');
});
afterEach(() => vi.unstubAllGlobals());

describe('browser-mode transport', () => {
  it('answers a scene save too large to send with TOO_LARGE and never sends it', async () => {
    const transport = createTransport();
    await vi.waitUntil(() => FakeSocket.last !== null);
    const text = 'x'.repeat(FrameLimits.large);
    const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
    const result = await transport.call('scene.save', { id: 'scene', content, baseRevision: 3 });
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain('Split it into smaller scenes');
    expect(FakeSocket.last?.sent).toEqual([]);
  });

  it('still sends calls within their class', async () => {
    const transport = createTransport();
    await vi.waitUntil(() => FakeSocket.last !== null);
    void transport.call('project.create', { title: 'Fine' });
    await vi.waitUntil(() => (FakeSocket.last?.sent.length ?? 0) > 0);
    expect(JSON.parse(FakeSocket.last?.sent[0] ?? '{}')).toMatchObject({ kind: 'call', method: 'project.create', input: { title: 'Fine' } });
  });
});
