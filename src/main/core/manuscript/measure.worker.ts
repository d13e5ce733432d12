/**
 * The text worker: measures big documents (serialize, extract plain text, count words) off the
 * core's event loop, so one writer's huge save does not keep every other call waiting.
 * Started by text-worker.ts; one request at a time, answered in order.
 */
import { parentPort } from 'node:worker_threads';
import { measureForStorage } from './document-measure';
import type { MeasureReply, MeasureRequest } from './text-worker';

const port = parentPort;
if (!port) throw new Error('measure.worker runs only as a worker thread.');

port.on('message', (request: MeasureRequest) => {
  let reply: MeasureReply;
  try {
    reply = { id: request.id, measured: measureForStorage(request.content) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
