import { sendError } from './chat-common';
import type { Exchange } from './exchange';
import { errorAnswer } from './provider-errors';

/** OpenAI speech's output: 24 kHz mono 16-bit PCM. */
export const FAKE_SPEECH_SAMPLE_RATE = 24_000;
/** Audio per input character at speed 1, so longer text gives longer audio. */
export const FAKE_SPEECH_MS_PER_CHAR = 20;

const SPEECH_MODELS = new Set(['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts']);
const MAX_INPUT_CHARS = 4096;

/** Frames the fake speaks for `input` at `speed` (what tests compare durations with). */
export function fakeSpeechFrames(input: string, speed = 1): number {
  return Math.round(((input.length * FAKE_SPEECH_MS_PER_CHAR) / 1000 / speed) * FAKE_SPEECH_SAMPLE_RATE);
}

/** A 220 Hz tone, quiet at the edges, as 16-bit little-endian PCM. */
function tone(frames: number): Buffer {
  const pcm = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i += 1) {
    const edge = Math.min(1, i / 240, (frames - i) / 240);
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / FAKE_SPEECH_SAMPLE_RATE) * 8000 * edge), i * 2);
  }
  return pcm;
}

/** A WAV header with the placeholder sizes a streamed WAV carries (OpenAI's wav is streamed). */
function streamedWavHeader(): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(0xffffffff, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(FAKE_SPEECH_SAMPLE_RATE, 24);
  header.writeUInt32LE(FAKE_SPEECH_SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0xffffffff, 40);
  return header;
}

/** `POST /v1/audio/speech`: a tone as long as the text would take to say, as `wav` or raw `pcm`. */
export function speech(ex: Exchange): Promise<void> {
  const model = String(ex.body.model ?? '');
  const input = typeof ex.body.input === 'string' ? ex.body.input : '';
  const speed = typeof ex.body.speed === 'number' ? ex.body.speed : 1;
  const format = String(ex.body.response_format ?? 'mp3');
  if (!SPEECH_MODELS.has(model)) return sendError(ex, errorAnswer('openai', 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found'));
  if (typeof ex.body.voice !== 'string' || ex.body.voice === '') return sendError(ex, errorAnswer('openai', 400, "Missing required parameter: 'voice'."));
  if (input.trim() === '' || input.length > MAX_INPUT_CHARS) return sendError(ex, errorAnswer('openai', 400, `'input' must be 1 to ${MAX_INPUT_CHARS} characters.`));
  if (speed < 0.25 || speed > 4) return sendError(ex, errorAnswer('openai', 400, "'speed' must be between 0.25 and 4.0."));
  const pcm = tone(fakeSpeechFrames(input, speed));
  if (format === 'pcm') return ex.binary(200, pcm, 'audio/pcm');
  if (format === 'wav') return ex.binary(200, Buffer.concat([streamedWavHeader(), pcm]), 'audio/wav');
  return sendError(ex, errorAnswer('openai', 400, `The fake speaks only wav and pcm, not ${format}.`));
}
