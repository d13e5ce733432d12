/**
 * Peaks of a 16-bit mono PCM stream in bounded memory: samples are folded into blocks of
 * absolute maxima; when the blocks reach `maxBlocks`, neighbours merge and blocks double in
 * length. A 30-minute or a 10-hour file keeps at most `maxBlocks` numbers.
 */
export interface PeakAccumulator {
  /** Adds little-endian signed 16-bit samples; a chunk may end mid-sample. */
  push(chunk: Buffer): void;
  /** How many samples were read. */
  readonly samples: number;
  /** `points` peaks (fewer when there are fewer blocks), each the maximum over its span, 0…1. */
  peaks(points: number): number[];
}

export function createPeakAccumulator(options: { blockSamples: number; maxBlocks: number }): PeakAccumulator {
  let blockSamples = options.blockSamples;
  const blocks: number[] = [];
  let current = 0;
  let inBlock = 0;
  let samples = 0;
  let carry: Buffer | null = null;

  const closeBlock = () => {
    blocks.push(current);
    current = 0;
    inBlock = 0;
    if (blocks.length < options.maxBlocks) return;
    // Halve the resolution: each pair becomes one block twice as long.
    for (let i = 0; i < blocks.length / 2; i += 1) blocks[i] = Math.max(blocks[2 * i] ?? 0, blocks[2 * i + 1] ?? 0);
    blocks.length = Math.ceil(blocks.length / 2);
    blockSamples *= 2;
  };

  return {
    push(chunk) {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const whole = data.length - (data.length % 2);
      carry = whole < data.length ? data.subarray(whole) : null;
      for (let offset = 0; offset < whole; offset += 2) {
        const level = Math.abs(data.readInt16LE(offset)) / 32768;
        if (level > current) current = level;
        inBlock += 1;
        samples += 1;
        if (inBlock >= blockSamples) closeBlock();
      }
    },
    get samples() {
      return samples;
    },
    peaks(points) {
      const all = inBlock > 0 ? [...blocks, current] : [...blocks];
      const count = Math.min(points, all.length);
      const out: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const from = Math.floor((i * all.length) / count);
        const to = Math.max(from + 1, Math.floor(((i + 1) * all.length) / count));
        let peak = 0;
        for (let j = from; j < to; j += 1) peak = Math.max(peak, all[j] ?? 0);
        out.push(Math.min(1, Math.round(peak * 1000) / 1000));
      }
      return out;
    },
  };
}
