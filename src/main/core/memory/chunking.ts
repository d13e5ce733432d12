import { createHash } from 'node:crypto';

/** One indexed piece of a source's text. */
export interface Chunk {
  /** Stable: the same text at the same source gives the same key (see {@link chunkKey}). */
  key: string;
  /** Order within the source. */
  position: number;
  /** Character range of `text` in the source's plain text. */
  from: number;
  to: number;
  text: string;
  /** The last sentence of the previous chunk, embedded with this one so a passage keeps its lead-in. */
  overlap: string;
  /** Hash of what is embedded (overlap + text). */
  hash: string;
}

export interface ChunkingOptions {
  /** Paragraphs shorter than this are grouped with the ones after them (characters). */
  minChars: number;
  /** A paragraph longer than this is split at sentence ends (characters). */
  maxChars: number;
  /** The longest lead-in taken from the previous chunk (characters). */
  overlapChars: number;
}

/**
 * ~150–400 tokens per chunk: long enough to carry a moment of a scene, short enough that one
 * chunk is about one thing (and well inside nomic-embed-text's 8k window).
 */
export const DEFAULT_CHUNKING: ChunkingOptions = { minChars: 500, maxChars: 1_800, overlapChars: 240 };

interface Span {
  from: number;
  to: number;
}

/**
 * Splits a source's plain text (paragraphs separated by blank lines) into chunks by paragraph.
 *
 * Why boundaries stay put under edits: a chunk ends at the first paragraph end once it holds
 * `minChars`, so an edit moves boundaries only until the next paragraph that is long enough on
 * its own (most prose paragraphs are); a long paragraph is cut at sentence ends. A chunk's key
 * hashes the source and the text it embeds, so editing one paragraph changes that paragraph's
 * chunk, and the next chunk only when the edit touches the sentence it borrows as its lead-in.
 */
export function chunkText(sourceKey: string, plainText: string, options: ChunkingOptions = DEFAULT_CHUNKING): Chunk[] {
  const spans = groupParagraphs(plainText, options);
  const seen = new Map<string, number>();
  const chunks: Chunk[] = [];
  let previous = '';
  spans.forEach((span, position) => {
    const text = plainText.slice(span.from, span.to);
    const overlap = leadIn(previous, options.overlapChars);
    const hash = contentHash(`${overlap}\n${text}`);
    // The same passage twice in one scene (a refrain) still gets two keys: its occurrence counts.
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    chunks.push({ key: chunkKey(sourceKey, hash, occurrence), position, from: span.from, to: span.to, text, overlap, hash });
    previous = text;
  });
  return chunks;
}

/** One chunk for a short whole entry (a codex entry, a memory): no splitting, no lead-in. */
export function wholeChunk(sourceKey: string, text: string): Chunk {
  const hash = contentHash(`\n${text}`);
  return { key: chunkKey(sourceKey, hash, 0), position: 0, from: 0, to: text.length, text, overlap: '', hash };
}

/** What is sent to the embedding model for a chunk. */
export function embeddingInput(chunk: { overlap: string; text: string }): string {
  return chunk.overlap.length > 0 ? `${chunk.overlap}\n${chunk.text}` : chunk.text;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('base64url').slice(0, 22);
}

function chunkKey(sourceKey: string, hash: string, occurrence: number): string {
  return createHash('sha256').update(`${sourceKey}\u0000${hash}\u0000${occurrence}`).digest('base64url').slice(0, 22);
}

/** Paragraph spans (trimmed), grouped up to `minChars` and split above `maxChars`. */
function groupParagraphs(text: string, options: ChunkingOptions): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  for (const paragraph of paragraphs(text)) {
    for (const piece of splitLong(text, paragraph, options.maxChars)) {
      if (open && piece.to - open.from > options.maxChars) {
        spans.push(open);
        open = null;
      }
      open = open ? { from: open.from, to: piece.to } : piece;
      if (open.to - open.from >= options.minChars) {
        spans.push(open);
        open = null;
      }
    }
  }
  if (open) spans.push(open);
  return spans;
}

function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  const push = (from: number, to: number) => {
    let start = from;
    while (start < to && /\s/.test(text[start] ?? '')) start += 1;
    const end = trimEnd(text, start, to);
    if (end > start) spans.push({ from: start, to: end });
  };
  let from = 0;
  for (const gap of text.matchAll(/\n[^\S\n]*\n\s*/g)) {
    push(from, gap.index);
    from = gap.index + gap[0].length;
  }
  push(from, text.length);
  return spans;
}

/** A paragraph above `maxChars` cut at sentence ends (or, failing those, at spaces). */
function splitLong(text: string, paragraph: Span, maxChars: number): Span[] {
  if (paragraph.to - paragraph.from <= maxChars) return [paragraph];
  const pieces: Span[] = [];
  let from = paragraph.from;
  while (paragraph.to - from > maxChars) {
    const window = text.slice(from, from + maxChars);
    const sentenceEnd = lastMatchEnd(window, /[.!?…]["'”’)]*\s+/g);
    const cut = sentenceEnd > maxChars / 3 ? sentenceEnd : lastMatchEnd(window, /\s+/g);
    const end = from + (cut > 0 ? cut : maxChars);
    pieces.push({ from, to: trimEnd(text, from, end) });
    from = end;
  }
  pieces.push({ from, to: paragraph.to });
  return pieces;
}

function lastMatchEnd(text: string, pattern: RegExp): number {
  let end = 0;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1] ?? '')) end -= 1;
  return end;
}

/** The last sentence of `text`, at most `maxChars` (cut at a word start). */
function leadIn(text: string, maxChars: number): string {
  if (text.length === 0 || maxChars <= 0) return '';
  const trimmed = text.trimEnd();
  const sentences = trimmed.split(/(?<=[.!?…]["'”’)]*)\s+/u);
  let last = sentences.at(-1) ?? trimmed;
  if (last.length > maxChars) {
    last = last.slice(last.length - maxChars);
    const space = last.indexOf(' ');
    if (space >= 0) last = last.slice(space + 1);
  }
  return last;
}
