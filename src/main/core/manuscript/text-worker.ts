import type { Logger } from 'pino';
import type { Worker } from 'node:worker_threads';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { DocNode } from '../../../shared/models/document';
import { measureForStorage, textWeight, type MeasuredDocument } from './document-measure';

/** A document sent to the text worker. */
export interface MeasureRequest {
  id: number;
  content: DocNode;
}

/** The text worker's answer to one {@link MeasureRequest}. */
export type MeasureReply = { id: number; measured: MeasuredDocument } | { id: number; error: string };

/**
 * Documents with less text than this (UTF-16 units, about 15,000 words) are measured on the
 * calling thread: a few milliseconds, less than the trip to the worker and back.
 */
export const INLINE_MEASURE_BELOW = 100_000;

export interface TextWorkerOptions {
  /** Starts the worker thread (see {@link defaultTextWorkerUrl}); null measures everything inline. */
  start: (() => Worker) | null;
  logger: Logger;
  inlineBelow?: number;
}

export interface TextWorker {
  /** Serializes, extracts and counts `content`; on the worker thread when it holds much text. */
  measure(content: DocNode): Promise<MeasuredDocument>;
  /** Stops the worker; measurements still waiting fail. */
  close(): void;
}

interface Pending {
  content: DocNode;
  resolve(measured: MeasuredDocument): void;
  reject(error: unknown): void;
}

/**
 * Heavy text work off the event loop: one worker thread, started on the first big document and
 * kept while the core runs. If the worker cannot start or dies, documents are measured inline
 * instead — slower for everyone, but no save is lost.
 */
export function createTextWorker({ start, logger, inlineBelow = INLINE_MEASURE_BELOW }: TextWorkerOptions): TextWorker {
  let worker: Worker | null = null;
  let usable = start !== null;
  let closed = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const inline = (content: DocNode) => Promise.resolve(measureForStorage(content));

  /** The worker failed: measure what it held here, and stop using it. */
  const fallBack = (reason: unknown) => {
    if (!usable) return;
    usable = false;
    worker = null;
    logger.warn({ err: reason }, 'text worker failed; measuring text on the main thread');
    const waiting = [...pending.values()];
    pending.clear();
    for (const job of waiting) {
      try {
        job.resolve(measureForStorage(job.content));
      } catch (error) {
        job.reject(error);
      }
    }
  };

  const onReply = (reply: MeasureReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    // An idle worker must not keep the process alive.
    if (pending.size === 0) worker?.unref();
    if ('measured' in reply) job.resolve(reply.measured);
    else job.reject(new AppError(ErrorCode.INTERNAL, `Measuring the scene’s text failed: ${reply.error}`));
  };

  const spawn = (launch: () => Worker): Worker => {
    const thread = launch();
    thread.on('message', onReply);
    thread.on('error', fallBack);
    thread.on('exit', (code) => {
      if (!closed && thread === worker) fallBack(new Error(`the text worker exited with code ${code}`));
    });
    return thread;
  };

  return {
    measure(content) {
      if (closed) return Promise.reject(new AppError(ErrorCode.INTERNAL, 'Nova Studio is shutting down; the scene was not saved.'));
      if (!usable || start === null || textWeight(content) < inlineBelow) return inline(content);
      const thread = worker ?? spawn(start);
      worker = thread;
      thread.ref();
      const id = (nextId += 1);
      return new Promise<MeasuredDocument>((resolve, reject) => {
        pending.set(id, { content, resolve, reject });
        thread.postMessage({ id, content } satisfies MeasureRequest);
      });
    },
    close() {
      closed = true;
      void worker?.terminate();
      worker = null;
      for (const job of pending.values()) job.reject(new AppError(ErrorCode.INTERNAL, 'Nova Studio is shutting down; the scene was not saved.'));
      pending.clear();
    },
  };
}

/**
 * Where the worker's module is: beside this file when the core runs from its sources, beside
 * the bundle (`dist-electron/measure.worker.js`, see vite.config.ts) in the packaged app.
 */
export function defaultTextWorkerUrl(): URL {
  const here = import.meta.url;
  const file = here.endsWith('.ts') ? './measure.worker.ts' : './measure.worker.js';
  return new URL(file, here);
}
