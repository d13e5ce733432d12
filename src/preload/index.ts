/**
 * The preload bridge: `window.api = { invoke, on }` over one channel — nothing more.
 * It runs sandboxed, so it is bundled to a single CommonJS file that requires only `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ErrorCode } from '../shared/ipc/errors';
import { EVENT_CHANNEL, IPC_CHANNEL } from '../shared/ipc/wire';
import type { CallResult, PreloadApi } from '../shared/ipc/wire';

const DISCONNECTED: ErrorCode = 'DISCONNECTED';

const api: PreloadApi = {
  async invoke(method, input) {
    try {
      return (await ipcRenderer.invoke(IPC_CHANNEL, method, input)) as CallResult;
    } catch {
      // Only when the main process has no handler (starting up or shutting down).
      return {
        ok: false,
        error: { code: DISCONNECTED, message: 'Nova Studio’s core is not available right now. Try again in a moment.', retryable: true },
      };
    }
  },
  on(listener) {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
