import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { PiperSynthesizeRequest, PiperWorkerFailure, PiperWorkerReply, PiperWorkerRequest } from './piper-worker-protocol';

/** What the engine asks of the worker: PCM samples, or a failure it turns into a sentence. */
export type PiperRunResult = { ok: true; pcm: Int16Array } | { ok: false; failure: PiperWorkerFailure | 'TTS_WORKER_FAILED'; detail: string };

export interface PiperWorkerClient {
  run(request: Omit<PiperSynthesizeRequest, 'type' | 'id'>, signal?: AbortSignal): Promise<PiperRunResult>;
  /** Stops the worker; requests still waiting end as cancelled. */
  close(): void;
}

interface Pending {
  resolve(result: PiperRunResult): void;
}

/**
 * The main-side end of the Piper worker: started on the first synthesis, kept while the core
 * runs (it holds the loaded voices), unref'd when idle so it never keeps the process alive. A
 * worker that dies fails what it held and is started afresh on the next request.
 */
export function createPiperWorkerClient(start: () => Worker, logger?: Logger): PiperWorkerClient {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const settle = (id: number, result: PiperRunResult) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
    job.resolve(result);
  };

  const failAll = (detail: string) => {
    for (const id of [...pending.keys()]) settle(id, { ok: false, failure: 'TTS_WORKER_FAILED', detail });
  };

  const spawn = (): Worker => {
    const thread = start();
    thread.on('message', (reply: PiperWorkerReply) => {
      settle(reply.id, reply.ok ? { ok: true, pcm: new Int16Array(reply.pcm) } : { ok: false, failure: reply.failure, detail: reply.detail });
    });
    const lost = (detail: string) => {
      if (thread !== worker) return;
      worker = null;
      logger?.warn({ detail }, 'the Piper worker stopped');
      failAll(detail);
    };
    thread.on('error', (error) => lost(error.message));
    thread.on('exit', (code) => {
      if (!closed) lost(`the Piper worker exited with code ${code}`);
    });
    return thread;
  };

  return {
    run(request, signal) {
      if (closed) return Promise.resolve({ ok: false, failure: 'TTS_CANCELLED', detail: 'shutting down' });
      if (signal?.aborted) return Promise.resolve({ ok: false, failure: 'TTS_CANCELLED', detail: '' });
      const thread = worker ?? spawn();
      worker = thread;
      thread.ref();
      const id = (nextId += 1);
      return new Promise<PiperRunResult>((resolve) => {
        const onAbort = () => {
          thread.postMessage({ type: 'cancel', id } satisfies PiperWorkerRequest);
          // The caller is free at once; the worker drops the rest of the request on its side.
          settle(id, { ok: false, failure: 'TTS_CANCELLED', detail: '' });
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve: (result) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(result);
          },
        });
        thread.postMessage({ type: 'synthesize', id, ...request } satisfies PiperWorkerRequest);
      });
    },
    close() {
      closed = true;
      const thread = worker;
      worker = null;
      for (const id of [...pending.keys()]) settle(id, { ok: false, failure: 'TTS_CANCELLED', detail: 'shutting down' });
      void thread?.terminate();
    },
  };
}

/**
 * Where the worker's module is: beside this file when the core runs from its sources, beside
 * the bundle (`dist-electron/piper.worker.js`, see vite.config.ts) in the packaged app.
 */
export function defaultPiperWorkerUrl(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './piper.worker.ts' : './piper.worker.js', here);
}
