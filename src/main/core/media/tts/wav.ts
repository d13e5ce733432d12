import { AppError, ErrorCode } from '../../../../shared/ipc/errors';

/** The PCM layout of a WAV file: what joining and timing need. */
export interface PcmFormat {
  sampleRate: number;
  channels: number;
  /** 16 for the engines here; kept so a 24-bit source is refused, not misread. */
  bitsPerSample: number;
}

/** Decoded 16-bit PCM: its format and the raw little-endian sample bytes. */
export interface PcmAudio {
  format: PcmFormat;
  data: Buffer;
}

const HEADER_BYTES = 44;

const invalid = (why: string) => new AppError(ErrorCode.PROVIDER_FAILED, `The speech engine returned audio that is not a readable WAV file (${why}).`);

/** Frames (one sample per channel) in `audio`. */
export function frameCount(audio: PcmAudio): number {
  return audio.data.length / frameBytes(audio.format);
}

/** Duration in seconds, from the sample count (exact, never estimated). */
export function durationOf(audio: PcmAudio): number {
  return frameCount(audio) / audio.format.sampleRate;
}

function frameBytes(format: PcmFormat): number {
  return (format.bitsPerSample / 8) * format.channels;
}

/**
 * Reads a PCM WAV. Streamed WAVs (espeak-ng `--stdout`, OpenAI's wav) carry a placeholder size
 * (0x7ffff000 or 0xffffffff) in the RIFF and data headers, so the data runs to the end of the
 * buffer when the declared size does not fit; a trailing half frame is dropped.
 */
export function parseWav(buffer: Buffer): PcmAudio {
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') throw invalid('no RIFF/WAVE header');
  let offset = 12;
  let format: PcmFormat | undefined;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (buffer.readUInt16LE(body) !== 1) throw invalid('not PCM');
      format = { channels: buffer.readUInt16LE(body + 2), sampleRate: buffer.readUInt32LE(body + 4), bitsPerSample: buffer.readUInt16LE(body + 14) };
      if (format.bitsPerSample !== 16) throw invalid(`${format.bitsPerSample}-bit samples`);
    } else if (id === 'data') {
      if (!format) throw invalid('data before fmt');
      const end = size > buffer.length - body ? buffer.length : body + size;
      const whole = Math.floor((end - body) / frameBytes(format)) * frameBytes(format);
      return { format, data: buffer.subarray(body, body + whole) };
    }
    offset = body + size + (size % 2);
  }
  throw invalid('no data chunk');
}

/** Wraps raw 16-bit PCM (OpenAI's `pcm`: 24 kHz mono) as audio. */
export function fromRawPcm(data: Buffer, format: PcmFormat): PcmAudio {
  const whole = Math.floor(data.length / frameBytes(format)) * frameBytes(format);
  return { format, data: data.subarray(0, whole) };
}

/** A canonical 44-byte-header WAV with exact sizes. */
export function encodeWav(audio: PcmAudio): Buffer {
  const { format, data } = audio;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * frameBytes(format), 28);
  header.writeUInt16LE(frameBytes(format), 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** `frames` frames of silence in `format`. */
export function silence(format: PcmFormat, frames: number): Buffer {
  return Buffer.alloc(Math.max(0, Math.round(frames)) * frameBytes(format));
}

export function sameFormat(a: PcmFormat, b: PcmFormat): boolean {
  return a.sampleRate === b.sampleRate && a.channels === b.channels && a.bitsPerSample === b.bitsPerSample;
}

/**
 * Converts to `target` (channel mix-down/up and linear-interpolated rate change). Used only when
 * one narration's sentences came back in different formats, which a single engine never does.
 */
export function convertPcm(audio: PcmAudio, target: PcmFormat): PcmAudio {
  if (sameFormat(audio.format, target)) return audio;
  const inFrames = frameCount(audio);
  const outFrames = Math.round((inFrames * target.sampleRate) / audio.format.sampleRate);
  const out = Buffer.alloc(outFrames * frameBytes(target));
  const mono = (frame: number) => {
    let sum = 0;
    for (let c = 0; c < audio.format.channels; c += 1) sum += audio.data.readInt16LE((frame * audio.format.channels + c) * 2);
    return sum / audio.format.channels;
  };
  for (let i = 0; i < outFrames; i += 1) {
    const pos = (i * audio.format.sampleRate) / target.sampleRate;
    const lo = Math.min(Math.floor(pos), inFrames - 1);
    const hi = Math.min(lo + 1, inFrames - 1);
    const value = Math.round(mono(lo) + (mono(hi) - mono(lo)) * (pos - lo));
    for (let c = 0; c < target.channels; c += 1) out.writeInt16LE(Math.max(-32768, Math.min(32767, value)), (i * target.channels + c) * 2);
  }
  return { format: target, data: out };
}
