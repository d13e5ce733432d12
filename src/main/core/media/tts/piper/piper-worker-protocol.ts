/** Messages between the Piper engine and its worker thread (piper.worker.ts). */

/** Speaks the sentences of one request with one voice model. */
export interface PiperSynthesizeRequest {
  type: 'synthesize';
  id: number;
  /** Absolute path of the voice's `.onnx`; sessions are kept per path. */
  modelPath: string;
  /** One id sequence per sentence (`^ _ … $`). */
  sentences: number[][];
  /** [noise_scale, length_scale, noise_w] — the length scale already divided by the speed. */
  scales: [number, number, number];
  /** The speaker of a multi-speaker voice; null for a single-speaker one (no `sid` input). */
  speakerId: number | null;
  /** Samples of silence between sentences (Piper's `sentence_silence`, 0.2 s). */
  silenceSamples: number;
}

/** Stops a request: sentences not yet run are skipped. */
export interface PiperCancelRequest {
  type: 'cancel';
  id: number;
}

export type PiperWorkerRequest = PiperSynthesizeRequest | PiperCancelRequest;

/** Why the worker could not speak: the engine turns these into `AppError`s with a sentence. */
export type PiperWorkerFailure = 'TTS_MODEL_BROKEN' | 'TTS_INFERENCE_FAILED' | 'TTS_CANCELLED';

export type PiperWorkerReply =
  | { id: number; ok: true; /** 16-bit PCM samples (transferred). */ pcm: ArrayBuffer }
  | { id: number; ok: false; failure: PiperWorkerFailure; detail: string };
