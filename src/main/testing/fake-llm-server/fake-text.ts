import { createHash } from 'node:crypto';
import type { FakeChatMessage } from './fake-llm-server.types';

/**
 * Splits a reply into the pieces the fake streams, one per "token": each word with the
 * whitespace before it, so the pieces concatenate back to the exact reply.
 */
export function splitTokens(text: string): string[] {
  return text.split(/(?=\s+\S)/).filter((piece) => piece.length > 0);
}

/** The fake's token count of a text: its words (deterministic, easy to assert). */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function promptTokens(messages: readonly FakeChatMessage[]): number {
  return messages.reduce((sum, m) => sum + countTokens(m.content), 0);
}

/**
 * The fake's tiny model of meaning: words of one concept share an axis, so texts about the same
 * thing embed close together without sharing a word ("the ocean at night" ~ "sea in darkness").
 * Concept `i` is axis `i` (modulo the dimension); every other word adds a small signed weight to
 * three dimensions chosen by its hash; a few function words are ignored. Deterministic, so
 * tests can reason about which passage is nearest.
 */
export const FAKE_CONCEPTS: readonly (readonly string[])[] = [
  ['sea', 'ocean', 'wave', 'waves', 'tide', 'tides', 'harbour', 'harbor', 'surf', 'shore', 'brine', 'salt', 'seas', 'oceans'],
  ['night', 'dark', 'darkness', 'midnight', 'shadow', 'shadows', 'dusk', 'moonless', 'nightfall', 'gloom'],
  ['fear', 'dread', 'terror', 'afraid', 'scared', 'horror', 'panic', 'frightened', 'fright'],
  ['fire', 'flame', 'flames', 'blaze', 'ember', 'embers', 'burn', 'burning', 'smoke'],
  ['love', 'beloved', 'tender', 'kiss', 'affection', 'adore', 'loved'],
  ['grief', 'mourning', 'sorrow', 'loss', 'tears', 'weep', 'wept', 'funeral', 'grieve'],
  ['forest', 'woods', 'trees', 'tree', 'pine', 'oak', 'grove', 'woodland'],
  ['city', 'street', 'streets', 'town', 'market', 'alley', 'square'],
  ['eye', 'eyes', 'gaze', 'glance', 'stare'],
  ['grey', 'gray', 'green', 'blue', 'brown', 'colour', 'color', 'hazel'],
];

const STOP_WORDS = new Set(['a', 'an', 'the', 'at', 'in', 'on', 'of', 'to', 'and', 'or', 'is', 'was', 'were', 'be', 'by', 'for', 'with', 'as', 'it', 'its', 'into']);
const CONCEPT_OF = new Map(FAKE_CONCEPTS.flatMap((words, axis) => words.map((word) => [word, axis] as const)));
/** A concept word outweighs an ordinary word, so meaning decides nearness. */
const CONCEPT_WEIGHT = 3;

/** A deterministic unit vector for a text: equal texts embed equally, related texts nearby (see {@link FAKE_CONCEPTS}). */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const raw: number[] = Array.from({ length: dimensions }, () => 0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  for (const word of words) {
    if (STOP_WORDS.has(word)) continue;
    const axis = CONCEPT_OF.get(word);
    if (axis !== undefined) {
      raw[axis % dimensions] = (raw[axis % dimensions] ?? 0) + CONCEPT_WEIGHT;
      continue;
    }
    const digest = createHash('sha256').update(word).digest();
    for (let i = 0; i < 3; i += 1) {
      const dim = digest.readUInt16LE(i * 4) % dimensions;
      raw[dim] = (raw[dim] ?? 0) + ((digest[i * 4 + 2] ?? 0) / 255 + 0.25) * ((digest[i * 4 + 3] ?? 0) % 2 === 0 ? 1 : -1);
    }
  }
  // A text with no words still gets a direction of its own.
  if (!raw.some((v) => v !== 0)) {
    const digest = createHash('sha256').update(text).digest();
    for (let i = 0; i < dimensions; i += 1) raw[i] = (digest[i % digest.length] ?? 0) / 127.5 - 1 + i * 1e-3;
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => v / norm);
}

/** Float32 little-endian base64, as OpenAI returns embeddings when asked for `base64`. */
export function toBase64Floats(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** Text of a message content in any provider's shape: a string or a list of parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      if (typeof part === 'string') return part;
      const p = (part ?? {}) as { text?: unknown };
      return typeof p.text === 'string' ? p.text : '';
    })
    .join('');
}

/** Ollama reads "llama3.2" as "llama3.2:latest". */
export function ollamaName(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

export function fakeDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}
