/**
 * Float audio (−1…1) → 16-bit PCM. Scaled as it is, and only turned down when it would clip:
 * Piper's own CLI normalises every sentence to full scale, which makes the level jump from
 * sentence to sentence; the narration is loudness-normalised as a whole later (EBU R128).
 */
export function floatToPcm16(parts: readonly Float32Array[]): Int16Array {
  let peak = 0;
  let length = 0;
  for (const part of parts) {
    length += part.length;
    for (const sample of part) peak = Math.max(peak, Math.abs(sample));
  }
  const gain = 32767 / Math.max(1, peak);
  const pcm = new Int16Array(length);
  let offset = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 1) pcm[offset + i] = Math.round((part[i] ?? 0) * gain);
    offset += part.length;
  }
  return pcm;
}
