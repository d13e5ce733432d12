import { describe, expect, it } from 'vitest';
import { createPeakAccumulator } from './peak-accumulator';

/** Little-endian 16-bit samples. */
function pcm(samples: readonly number[]): Buffer {
  const buffer = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => buffer.writeInt16LE(s, i * 2));
  return buffer;
}

describe('createPeakAccumulator', () => {
  it('keeps the largest absolute level of each block, as a fraction of full scale', () => {
    const peaks = createPeakAccumulator({ blockSamples: 2, maxBlocks: 100 });
    peaks.push(pcm([0, -16384, 100, 200, -32768, 0]));
    expect(peaks.samples).toBe(6);
    expect(peaks.peaks(10)).toEqual([0.5, 0.006, 1]);
  });

  it('reads a sample split across two chunks', () => {
    const peaks = createPeakAccumulator({ blockSamples: 1, maxBlocks: 100 });
    const data = pcm([16384, -8192]);
    peaks.push(data.subarray(0, 3));
    peaks.push(data.subarray(3));
    expect(peaks.peaks(10)).toEqual([0.5, 0.25]);
  });

  it('merges neighbours when it holds too many blocks, so memory stays bounded and the loud parts stay where they were', () => {
    const peaks = createPeakAccumulator({ blockSamples: 1, maxBlocks: 16 });
    // 64 samples: loud in the first and last eighth only.
    const samples = Array.from({ length: 64 }, (_, i) => (i < 8 || i >= 56 ? 32767 : 0));
    peaks.push(pcm(samples));
    // 64 one-sample blocks would not fit in 16: they end as 8 blocks of 8 samples.
    expect(peaks.peaks(64)).toHaveLength(8);
    const out = peaks.peaks(8);
    expect(out).toHaveLength(8);
    expect(out[0]).toBeGreaterThan(0.99);
    expect(out[7]).toBeGreaterThan(0.99);
    expect(out.slice(1, 7)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('reduces to the points asked for, each the maximum over its span', () => {
    const peaks = createPeakAccumulator({ blockSamples: 1, maxBlocks: 100 });
    peaks.push(pcm([0, 3277, 0, 0, 16384, 0]));
    expect(peaks.peaks(3)).toEqual([0.1, 0, 0.5]);
    expect(peaks.peaks(1)).toEqual([0.5]);
  });
});
