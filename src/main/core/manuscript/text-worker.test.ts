import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocNode } from '../../../shared/models/document';
import { WORD_COUNT_SAMPLES } from '../../../shared/text/word-count.samples';
import { silentLogger } from '../platform/logger';
import { startModuleWorker } from '../platform/module-worker';
import { measureForStorage } from './document-measure';
import { createTextWorker, defaultTextWorkerUrl, type TextWorker } from './text-worker';

const doc: DocNode = {
  type: 'doc',
  content: [
    ...WORD_COUNT_SAMPLES.map((sample): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: sample.text }] })),
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] }, { type: 'text', text: 'face' }] }] },
  ],
};

let worker: TextWorker | null = null;
afterEach(() => {
  worker?.close();
  worker = null;
});

describe('text worker', () => {
  it('measures on its thread exactly as the main thread does', async () => {
    worker = createTextWorker({ start: () => startModuleWorker(defaultTextWorkerUrl()), logger: silentLogger(), inlineBelow: 0 });
    const expected = measureForStorage(doc);
    expect(expected).toMatchObject({ ok: true, text: { wordCount: WORD_COUNT_SAMPLES.reduce((n, s) => n + s.words, 0) + 1 } });
    expect(await worker.measure(doc)).toEqual(expected);
    expect(await worker.measure(doc)).toEqual(expected);
  });

  it('measures on the main thread when the worker cannot run, and nothing is lost', async () => {
    const warnings: unknown[] = [];
    const logger = silentLogger();
    logger.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof logger.warn;
    worker = createTextWorker({ start: () => new Worker('throw new Error("no worker here")', { eval: true }), logger, inlineBelow: 0 });
    expect(await worker.measure(doc)).toEqual(measureForStorage(doc));
    expect(await worker.measure(doc)).toEqual(measureForStorage(doc));
    expect(warnings).toHaveLength(1);
  });
});
