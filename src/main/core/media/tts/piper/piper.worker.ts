import { parentPort } from 'node:worker_threads';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { PiperSynthesizeRequest, PiperWorkerReply, PiperWorkerRequest } from './piper-worker-protocol';
import { floatToPcm16 } from './pcm-convert';

/**
 * The Piper worker thread: keeps the last few voice models loaded (loading one takes a second
 * or more for a real 60 MB voice) and runs inference, so the core's event loop never waits on
 * it. Requests run one after another; a cancelled one stops before its next sentence.
 */

/** Loaded voices kept: a narration uses one, a voice picker previews a few in a row. */
const MAX_SESSIONS = 3;
const sessions = new Map<string, Promise<InferenceSession>>();
/** Requests queued or running, and those of them the engine has given up on. */
const open = new Set<number>();
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

const port = parentPort;
if (!port) throw new Error('piper.worker.ts must run as a worker thread.');

/** The session for `modelPath`, most recently used last; the oldest is released past the limit. */
async function sessionFor(modelPath: string): Promise<InferenceSession> {
  const existing = sessions.get(modelPath);
  if (existing) {
    sessions.delete(modelPath);
    sessions.set(modelPath, existing);
    return existing;
  }
  // logSeverityLevel 3: errors only (warnings about unused initialisers are noise for a user).
  const loading = InferenceSession.create(modelPath, { logSeverityLevel: 3, graphOptimizationLevel: 'all' });
  sessions.set(modelPath, loading);
  loading.catch(() => sessions.delete(modelPath));
  while (sessions.size > MAX_SESSIONS) {
    const [oldest, session] = sessions.entries().next().value as [string, Promise<InferenceSession>];
    sessions.delete(oldest);
    void session.then((s) => s.release()).catch(() => undefined);
  }
  return loading;
}

const int64 = (values: readonly number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(values.map((v) => BigInt(v))), dims);

async function runSentence(session: InferenceSession, request: PiperSynthesizeRequest, ids: number[]): Promise<Float32Array> {
  const feeds: Record<string, Tensor> = {
    input: int64(ids, [1, ids.length]),
    input_lengths: int64([ids.length], [1]),
    scales: new Tensor('float32', Float32Array.from(request.scales), [3]),
  };
  if (request.speakerId !== null && session.inputNames.includes('sid')) feeds.sid = int64([request.speakerId], [1]);
  const results = await session.run(feeds);
  const output = results[session.outputNames[0] ?? 'output'];
  if (!output || !(output.data instanceof Float32Array)) throw new Error('the model gave no float32 audio');
  return output.data;
}

async function synthesize(request: PiperSynthesizeRequest): Promise<PiperWorkerReply> {
  let session: InferenceSession;
  try {
    session = await sessionFor(request.modelPath);
  } catch (error) {
    return { id: request.id, ok: false, failure: 'TTS_MODEL_BROKEN', detail: messageOf(error) };
  }
  const parts: Float32Array[] = [];
  try {
    for (const [index, ids] of request.sentences.entries()) {
      if (cancelled.has(request.id)) return { id: request.id, ok: false, failure: 'TTS_CANCELLED', detail: '' };
      if (index > 0 && request.silenceSamples > 0) parts.push(new Float32Array(request.silenceSamples));
      parts.push(await runSentence(session, request, ids));
    }
  } catch (error) {
    return { id: request.id, ok: false, failure: 'TTS_INFERENCE_FAILED', detail: messageOf(error) };
  }
  return { id: request.id, ok: true, pcm: floatToPcm16(parts).buffer as ArrayBuffer };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';

port.on('message', (message: PiperWorkerRequest) => {
  if (message.type === 'cancel') {
    // A cancel that crossed its reply on the way finds nothing open and is dropped.
    if (open.has(message.id)) cancelled.add(message.id);
    return;
  }
  open.add(message.id);
  queue = queue.then(async () => {
    const reply = await synthesize(message);
    open.delete(message.id);
    cancelled.delete(message.id);
    if (reply.ok) port.postMessage(reply, [reply.pcm]);
    else port.postMessage(reply);
  });
});
