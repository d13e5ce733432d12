import { EventEmitter } from 'node:events';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, IPC_CHANNEL } from '../../shared/ipc/wire';
import type { CallResult } from '../../shared/ipc/wire';
import { createEventBus } from '../core/events';
import { silentLogger } from '../core/platform/logger';
import type { Router } from './router';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<CallResult>;
const handlers = new Map<string, InvokeHandler>();

// Electron cannot run here; the binding only needs ipcMain's handle/removeHandler.
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { bindElectronIpc } = await import('./electron.binding');

const mainFrame = { processId: 7, routingId: 1, parent: null, url: 'app://nova/index.html' };
let pageUrl = 'app://nova/index.html';
const send = vi.fn();
const contents = Object.assign(new EventEmitter(), { id: 3, mainFrame, isDestroyed: () => false, getURL: () => pageUrl, send });
const window = { isDestroyed: () => false, webContents: contents } as unknown as BrowserWindow;
const closed: string[] = [];

const router: Router = { methods: [], call: vi.fn(async () => ({ ok: true as const, data: 'pong' })) };

function invoke(event: Partial<IpcMainInvokeEvent>, method: unknown = 'app.info', input: unknown = {}) {
  const handler = handlers.get(IPC_CHANNEL);
  if (!handler) throw new Error('no handler bound');
  return handler({ sender: window.webContents, senderFrame: mainFrame, ...event } as IpcMainInvokeEvent, method, input);
}

describe('bindElectronIpc', () => {
  const events = createEventBus(() => undefined);
  let unbind: () => void;

  beforeEach(() => {
    handlers.clear();
    send.mockClear();
    vi.mocked(router.call).mockClear();
    pageUrl = 'app://nova/index.html';
    closed.length = 0;
    unbind = bindElectronIpc({
      router,
      events,
      window,
      allowedOrigins: new Set(['app://nova']),
      logger: silentLogger(),
      onConnectionClosed: (connectionId) => closed.push(connectionId),
    });
  });

  afterEach(() => unbind());

  it('routes calls from the main frame of our window', async () => {
    await expect(invoke({})).resolves.toEqual({ ok: true, data: 'pong' });
    expect(router.call).toHaveBeenCalledWith('app.info', {}, { transport: 'electron', connectionId: expect.any(String) as unknown });
  });

  /** The connection id the binding gave the last call. */
  const lastConnection = () => vi.mocked(router.call).mock.lastCall?.[2].connectionId;

  it.each(['did-navigate', 'render-process-gone', 'destroyed'])('lets go of the page load’s streams on %s; the next page is a new connection', async (event) => {
    await invoke({});
    const before = lastConnection();
    expect(closed).toEqual([]);
    contents.emit(event);
    expect(closed).toEqual([before]);
    await invoke({});
    expect(lastConnection()).not.toBe(before);
  });

  it.each([
    ['an iframe', { senderFrame: { ...mainFrame, routingId: 2, parent: mainFrame } }],
    ['a frame showing a foreign page', { senderFrame: { ...mainFrame, url: 'https://example.com/' } }],
    ['another web contents', { sender: { id: 99 } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s with UNAUTHORIZED', async (_case, event) => {
    const result = await invoke(event as Partial<IpcMainInvokeEvent>);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(router.call).not.toHaveBeenCalled();
  });

  it('answers INTERNAL when the router rejects, instead of failing the invoke', async () => {
    vi.mocked(router.call).mockRejectedValueOnce(new RangeError('Maximum call stack size exceeded'));
    const result = await invoke({});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
    if (!result.ok) expect(result.error.message).not.toContain('Maximum call stack');
  });

  it('forwards core events to our page only', () => {
    events.emit('project.changed', { projectId: null });
    expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, 'project.changed', { projectId: null });
    pageUrl = 'https://example.com/';
    events.emit('project.changed', { projectId: null });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('unbinds the handler and the event subscription, letting go of the page’s streams', async () => {
    await invoke({});
    unbind();
    expect(handlers.has(IPC_CHANNEL)).toBe(false);
    expect(closed).toEqual([lastConnection()]);
    contents.emit('did-navigate');
    expect(closed).toHaveLength(1);
    events.emit('project.changed', { projectId: null });
    expect(send).not.toHaveBeenCalled();
  });
});
