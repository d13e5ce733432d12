/**
 * Reads an async iterable of byte arrays (a Node stream, a fetch body, a generator) in pieces of
 * the sizes asked for, whatever sizes it arrives in, holding no more than one piece plus one
 * incoming array in memory.
 */
export interface ByteReader {
  /** Exactly `length` bytes, or fewer only at the end of the input (an empty array at its end). */
  read(length: number): Promise<Uint8Array>;
  /**
   * Up to `scratch.length` bytes (fewer only at the end of the input): a view of the input when
   * one incoming array holds them all — no copy — otherwise copied once into `scratch` (which
   * the caller reuses) and a view of it. Either view is valid until the next call.
   */
  readChunk(scratch: Uint8Array): Promise<Uint8Array>;
  /** Whether the input has ended (reads ahead at most one array to know). */
  atEnd(): Promise<boolean>;
}

export function createByteReader(source: AsyncIterable<Uint8Array>): ByteReader {
  const iterator = source[Symbol.asyncIterator]();
  const pending: Uint8Array[] = [];
  let pendingLength = 0;
  let done = false;

  const pullOne = async () => {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      return;
    }
    const value: unknown = next.value;
    // A stream in object or text mode would hand strings: refuse rather than mis-encode.
    if (!(value instanceof Uint8Array)) throw new TypeError('expected a stream of bytes (Uint8Array or Buffer)');
    if (value.length > 0) {
      pending.push(value);
      pendingLength += value.length;
    }
  };

  return {
    async read(length) {
      while (pendingLength < length && !done) await pullOne();
      const take = Math.min(length, pendingLength);
      const head = pending[0];
      if (head && head.length >= take) {
        // The common case when arrays arrive at least as large as asked: a view, no copy.
        const out = head.subarray(0, take);
        if (head.length === take) pending.shift();
        else pending[0] = head.subarray(take);
        pendingLength -= take;
        return out;
      }
      const out = new Uint8Array(take);
      let filled = 0;
      while (filled < take) {
        const part = pending[0];
        if (!part) break;
        const used = Math.min(part.length, take - filled);
        out.set(part.subarray(0, used), filled);
        filled += used;
        if (used === part.length) pending.shift();
        else pending[0] = part.subarray(used);
      }
      pendingLength -= take;
      return out;
    },
    async readChunk(scratch) {
      const length = scratch.length;
      if (pending.length === 0 && !done) await pullOne();
      const head = pending[0];
      if (head && head.length >= length) {
        pending[0] = head.subarray(length);
        if (head.length === length) pending.shift();
        pendingLength -= length;
        return head.subarray(0, length);
      }
      let filled = 0;
      while (filled < length) {
        const part = pending[0];
        if (!part) {
          if (done) break;
          await pullOne();
          continue;
        }
        const used = Math.min(part.length, length - filled);
        scratch.set(used === part.length ? part : part.subarray(0, used), filled);
        filled += used;
        pendingLength -= used;
        if (used === part.length) pending.shift();
        else pending[0] = part.subarray(used);
      }
      return scratch.subarray(0, filled);
    },
    async atEnd() {
      while (pendingLength === 0 && !done) await pullOne();
      return pendingLength === 0;
    },
  };
}
