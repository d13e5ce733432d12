import { describe, expect, it } from 'vitest';
import { createByteReader } from './byte-reader';

async function* arrays(...parts: number[][]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Uint8Array.from(part);
}

describe('byte reader', () => {
  it('reads exact lengths across incoming arrays, fewer only at the end', async () => {
    const reader = createByteReader(arrays([1, 2], [], [3, 4, 5], [6]));
    expect([...(await reader.read(3))]).toEqual([1, 2, 3]);
    expect(await reader.atEnd()).toBe(false);
    expect([...(await reader.read(5))]).toEqual([4, 5, 6]);
    expect(await reader.atEnd()).toBe(true);
    expect(await reader.read(2)).toHaveLength(0);
  });

  it('hands out a view of a large enough incoming array, and copies smaller ones into the scratch buffer', async () => {
    const big = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield big;
      yield Uint8Array.from([7]);
      yield Uint8Array.from([8, 9]);
    }
    const reader = createByteReader(source());
    const scratch = new Uint8Array(4);
    const first = await reader.readChunk(scratch);
    expect(first.buffer).toBe(big.buffer);
    expect([...first]).toEqual([1, 2, 3, 4]);
    const second = await reader.readChunk(scratch);
    expect(second.buffer).toBe(scratch.buffer);
    expect([...second]).toEqual([5, 6, 7, 8]);
    expect([...(await reader.readChunk(scratch))]).toEqual([9]);
    expect(await reader.readChunk(scratch)).toHaveLength(0);
  });

  it('refuses text', async () => {
    async function* text(): AsyncGenerator<unknown> {
      yield 'abc';
    }
    await expect(createByteReader(text() as AsyncGenerator<Uint8Array>).read(1)).rejects.toThrow(TypeError);
  });
});
