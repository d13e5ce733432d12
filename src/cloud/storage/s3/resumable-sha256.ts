/**
 * SHA-256 whose state can be saved and restored (Node's `crypto` hashes cannot be), so an
 * upload's checksum is computed once, while its bytes stream into S3 parts, and survives a
 * restart of the endpoint between two parts. FIPS 180-4; checked against `crypto` in its test.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** A saved hash state: the eight words, the bytes hashed so far and the unprocessed tail (< 64 bytes), as JSON-safe values. */
export interface Sha256State {
  h: number[];
  length: number;
  tail: string;
}

export class ResumableSha256 {
  private readonly h: Uint32Array;
  private readonly w = new Int32Array(64);
  private readonly block = new Uint8Array(64);
  private blockFill: number;
  private length: number;

  constructor(state?: Sha256State) {
    this.h = new Uint32Array(state?.h ?? INITIAL);
    const tail = Buffer.from(state?.tail ?? '', 'base64');
    this.block.set(tail);
    this.blockFill = tail.byteLength;
    this.length = state?.length ?? 0;
  }

  update(bytes: Uint8Array): this {
    let offset = 0;
    this.length += bytes.byteLength;
    if (this.blockFill > 0) {
      const take = Math.min(64 - this.blockFill, bytes.byteLength);
      this.block.set(bytes.subarray(0, take), this.blockFill);
      this.blockFill += take;
      offset = take;
      if (this.blockFill < 64) return this;
      this.compress(this.block, 0);
      this.blockFill = 0;
    }
    for (; offset + 64 <= bytes.byteLength; offset += 64) this.compress(bytes, offset);
    this.block.set(bytes.subarray(offset), 0);
    this.blockFill = bytes.byteLength - offset;
    return this;
  }

  /** The state to store; `new ResumableSha256(state)` continues from it. */
  save(): Sha256State {
    return { h: Array.from(this.h), length: this.length, tail: Buffer.from(this.block.subarray(0, this.blockFill)).toString('base64') };
  }

  /** The digest (hex) of everything so far; the hasher itself is left as it was. */
  digestHex(): string {
    const copy = new ResumableSha256(this.save());
    const bits = copy.length * 8;
    const padding = new Uint8Array((copy.blockFill < 56 ? 56 : 120) - copy.blockFill + 8);
    padding[0] = 0x80;
    const view = new DataView(padding.buffer);
    view.setUint32(padding.byteLength - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(padding.byteLength - 4, bits >>> 0);
    copy.update(padding);
    return Buffer.from(new Uint8Array(new Uint32Array(copy.h.map((word) => swap32(word))).buffer)).toString('hex');
  }

  private compress(bytes: Uint8Array, offset: number): void {
    const w = this.w;
    const h = this.h;
    for (let i = 0; i < 16; i += 1) {
      const j = offset + i * 4;
      w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    for (let i = 16; i < 64; i += 1) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]! | 0;
    let b = h[1]! | 0;
    let c = h[2]! | 0;
    let d = h[3]! | 0;
    let e = h[4]! | 0;
    let f = h[5]! | 0;
    let g = h[6]! | 0;
    let k = h[7]! | 0;
    for (let i = 0; i < 64; i += 1) {
      const t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + g) | 0;
    h[7] = (h[7]! + k) | 0;
  }
}

function swap32(word: number): number {
  return (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0;
}
