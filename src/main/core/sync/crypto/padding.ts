/**
 * Size buckets, so the server never learns a record's or a blob's length to the byte.
 *
 * Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with
 * PURBs", PETS 2019): a length L is rounded up so that only its top ~log2(log2 L) + 1 bits stay
 * significant. The padding costs at most 12.5% (less as L grows: < 6.25% from 256 B, < 3.125%
 * from 64 KiB) and a length leaks O(log log L) bits instead of O(log L). Below `floor` everything is one
 * bucket: the many small records (a chapter's fields, a chat message) all look alike.
 *
 * The padding itself is ISO/IEC 7816-4: one 0x80 byte, then zeros — unambiguous to remove.
 */

/** The Padmé bucket of `length` (≥ 0). */
export function padme(length: number): number {
  if (length < 2) return length;
  const e = Math.floor(Math.log2(length));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = 2 ** (e - s);
  return Math.ceil(length / step) * step;
}

/** The padded size of `length` bytes of plaintext: room for the 0x80 marker, Padmé, at least `floor`. */
export function paddedLength(length: number, floor: number): number {
  return Math.max(floor, padme(length + 1));
}

/** `plaintext` followed by 0x80 and zeros up to its bucket. */
export function pad(plaintext: Uint8Array, floor: number): Uint8Array {
  const out = new Uint8Array(paddedLength(plaintext.length, floor));
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/** The plaintext inside `padded`, or `null` when the padding is malformed. A view of `padded`, not a copy. */
export function unpad(padded: Uint8Array): Uint8Array | null {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  return end >= 0 && padded[end] === 0x80 ? padded.subarray(0, end) : null;
}
