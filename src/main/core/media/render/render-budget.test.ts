import { describe, expect, it } from 'vitest';
import { lastPieceThreads, pieceMemoryBytes, pieceParallelism, SOUNDTRACK_BYTES } from './render-budget';

const MB = 1024 * 1024;
const HD = { width: 1920, height: 1080 };

describe('pieces drawn at once, from the memory budget', () => {
  it('draws one single-threaded piece per core at 1080p when the core is light', () => {
    expect(pieceParallelism({ frame: HD, cores: 2, budgetBytes: 1024 * MB, residentBytes: 300 * MB })).toEqual({ concurrency: 2, threads: 1 });
  });

  it('draws fewer pieces when they would not fit beside the core, but never none', () => {
    const heavy = pieceParallelism({ frame: HD, cores: 2, budgetBytes: 1024 * MB, residentBytes: 600 * MB });
    expect(heavy.concurrency).toBe(1);
    // Over the budget even alone: one thread, the least a piece can take.
    expect(pieceParallelism({ frame: HD, cores: 2, budgetBytes: 1024 * MB, residentBytes: 1000 * MB })).toEqual({ concurrency: 1, threads: 1 });
    // 720p on 8 cores: as many as fit, each with a share of the cores.
    const frame = { width: 1280, height: 720 };
    const many = pieceParallelism({ frame, cores: 8, budgetBytes: 1024 * MB, residentBytes: 300 * MB });
    expect(many.concurrency).toBeGreaterThan(1);
    expect(many.concurrency).toBeLessThan(8);
    expect(many.threads).toBe(Math.floor(8 / many.concurrency));
    expect(many.concurrency * pieceMemoryBytes(frame, many.threads)).toBeLessThanOrEqual(1024 * MB - 300 * MB);
  });

  it('fits every piece the budget allows, the soundtrack in one’s place while it runs, and its choice stays within it', () => {
    for (const frame of [HD, { width: 1280, height: 720 }, { width: 1080, height: 1920 }, { width: 320, height: 180 }]) {
      for (const resident of [200, 300, 400, 500]) {
        for (const cues of [0, 4, 20]) {
          const { concurrency, threads } = pieceParallelism({ frame, cores: 2, budgetBytes: 1024 * MB, residentBytes: resident * MB, cues });
          const piece = pieceMemoryBytes(frame, threads, cues);
          const used = resident * MB + (concurrency - 1) * piece + Math.max(piece, SOUNDTRACK_BYTES);
          if (concurrency > 1) expect(used).toBeLessThanOrEqual(1024 * MB);
          // One more would not have fitted.
          if (concurrency < 2) expect(resident * MB + concurrency * pieceMemoryBytes(frame, 1, cues) + Math.max(pieceMemoryBytes(frame, 1, cues), SOUNDTRACK_BYTES)).toBeGreaterThan(1024 * MB);
          expect(concurrency * threads).toBeLessThanOrEqual(2);
        }
      }
    }
  });

  it('draws one piece at a time beside a heavier core when the pieces carry many captions', () => {
    // The bench's core (230–315 MB): two pieces of 1080p with a few captions fit, of a long scene's twenty not.
    expect(pieceParallelism({ frame: HD, cores: 2, budgetBytes: 1024 * MB, residentBytes: 315 * MB, cues: 4 }).concurrency).toBe(2);
    expect(pieceParallelism({ frame: HD, cores: 2, budgetBytes: 1024 * MB, residentBytes: 315 * MB, cues: 20 }).concurrency).toBe(1);
  });

  it('expects more memory of a bigger frame, of more x264 threads and of more captions', () => {
    expect(pieceMemoryBytes(HD)).toBeGreaterThan(pieceMemoryBytes({ width: 1280, height: 720 }));
    expect(pieceMemoryBytes(HD, 2)).toBeGreaterThan(pieceMemoryBytes(HD, 1));
    expect(pieceMemoryBytes(HD, 1, 12)).toBeGreaterThan(pieceMemoryBytes(HD, 1, 4));
    // Calibrated on measured 1080p pieces with one thread: not below them (280 MB with 4 captions, 324 with 12, 367 with 20).
    expect(pieceMemoryBytes(HD, 1, 4)).toBeGreaterThanOrEqual(280 * MB);
    expect(pieceMemoryBytes(HD, 1, 12)).toBeGreaterThanOrEqual(324 * MB);
    expect(pieceMemoryBytes(HD, 1, 20)).toBeGreaterThanOrEqual(367 * MB);
  });

  it('lets the last piece take the cores the others give back, within the memory the soundtrack gave back', () => {
    const light = { frame: HD, cores: 2, budgetBytes: 1024 * MB, residentBytes: 300 * MB };
    expect(lastPieceThreads(light, pieceParallelism(light))).toBe(2);
    // Room for two single-threaded pieces and no more: the last one stays as it was.
    const tight = { ...light, budgetBytes: 300 * MB + 2 * pieceMemoryBytes(HD, 1) + MB };
    expect(lastPieceThreads(tight, { concurrency: 2, threads: 1 })).toBe(1);
    // One piece already has every core.
    expect(lastPieceThreads(light, { concurrency: 1, threads: 2 })).toBe(2);
    const eight = { frame: HD, cores: 8, budgetBytes: 4096 * MB, residentBytes: 300 * MB };
    expect(lastPieceThreads(eight, { concurrency: 4, threads: 2 })).toBe(8);
  });
});
