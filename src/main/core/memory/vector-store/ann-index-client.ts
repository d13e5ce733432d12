import type { Worker } from 'node:worker_threads';
import type { AnnEnvelope, AnnReply, AnnReplyValue, AnnRequest } from './ann-index.types';

/** The core's side of the ANN worker: requests as promises, answered in the order sent. */
export interface AnnIndexClient {
  request(request: AnnRequest): Promise<AnnReplyValue>;
  /** Sends a request whose answer nobody waits for (adds, removes); a failure reaches `onFailure`. */
  send(request: AnnRequest): void;
  /** True once the worker died or failed a request: the store then answers with exact search. */
  failed(): boolean;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: AnnReplyValue): void;
  reject(error: Error): void;
}

/**
 * Starts the worker lazily, on the first request. A worker that exits, throws, or fails a
 * fire-and-forget request is not trusted again: every waiting request fails and `failed()`
 * turns true, so the store stops using indexes that may have missed a change.
 */
export function createAnnIndexClient(start: () => Worker, onFailure: (reason: Error) => void): AnnIndexClient {
  let worker: Worker | null = null;
  let broken = false;
  let closing = false;
  let nextId = 0;
  let inFlight = 0;
  const pending = new Map<number, Pending>();

  const fail = (reason: Error) => {
    if (broken) return;
    broken = true;
    for (const job of pending.values()) job.reject(reason);
    pending.clear();
    onFailure(reason);
  };

  const onReply = (reply: AnnReply) => {
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    inFlight -= 1;
    // An idle worker must not keep the process alive.
    if (inFlight === 0) worker?.unref();
    if (reply.ok) job?.resolve(reply.value);
    else if (job) job.reject(new Error(reply.error));
    else fail(new Error(`The vector index worker failed: ${reply.error}`));
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const started = start();
    started.on('message', onReply);
    started.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    started.on('exit', (code) => {
      if (!closing) fail(new Error(`The vector index worker exited with code ${code}.`));
    });
    worker = started;
    return started;
  };

  const post = (request: AnnRequest, job?: Pending) => {
    const id = (nextId += 1);
    const target = thread();
    if (job) pending.set(id, job);
    inFlight += 1;
    target.ref();
    target.postMessage({ ...request, id } satisfies AnnEnvelope);
  };

  return {
    request(request) {
      if (broken) return Promise.reject(new Error('The vector index worker is not available.'));
      return new Promise((resolve, reject) => post(request, { resolve, reject }));
    },
    send(request) {
      if (!broken) post(request);
    },
    failed: () => broken,
    async close() {
      closing = true;
      const running = worker;
      worker = null;
      for (const job of pending.values()) job.reject(new Error('The vector index is closing.'));
      pending.clear();
      if (running) await running.terminate();
    },
  };
}
