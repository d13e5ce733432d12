import type { IpcRendererEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, IPC_CHANNEL } from '../shared/ipc/wire';
import type { PreloadApi } from '../shared/ipc/wire';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;
const exposed = new Map<string, unknown>();
const listeners = new Set<Listener>();
const invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>();

// Electron cannot run here; the preload only needs contextBridge and ipcRenderer.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => invoke(channel, ...args),
    on: (_channel: string, listener: Listener) => listeners.add(listener),
    removeListener: (_channel: string, listener: Listener) => listeners.delete(listener),
  },
}));

await import('./index');
const api = exposed.get('api') as PreloadApi;

describe('preload bridge', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('exposes exactly invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes the one IPC channel', async () => {
    invoke.mockResolvedValue({ ok: true, data: 1 });
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, data: 1 });
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'app.info', {});
  });

  it('turns a missing handler into DISCONNECTED instead of a rejection', async () => {
    invoke.mockRejectedValue(new Error("No handler registered for 'nova:invoke'"));
    await expect(api.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED', retryable: true } });
  });

  it('delivers events until unsubscribed', () => {
    const received: unknown[] = [];
    const off = api.on((name, payload) => received.push([name, payload]));
    for (const listener of listeners) listener({} as IpcRendererEvent, 'project.changed', { projectId: null });
    off();
    for (const listener of listeners) listener({} as IpcRendererEvent, 'project.changed', { projectId: 'x' });
    expect(received).toEqual([['project.changed', { projectId: null }]]);
    expect(EVENT_CHANNEL).toBe('nova:event');
  });
});
