import { describe, expect, it } from 'vitest';
import { chunkText, embeddingInput, wholeChunk, type ChunkingOptions } from './chunking';

const options: ChunkingOptions = { minChars: 60, maxChars: 200, overlapChars: 80 };
const para = (n: number, words = 14) => `Paragraph ${n} begins here. ${Array.from({ length: words }, (_, i) => `word${n}x${i}`).join(' ')}. It ends ${n}.`;

describe('chunkText', () => {
  it('chunks by paragraph with the exact ranges of the source text', () => {
    const text = [para(1), para(2), para(3)].join('\n\n');
    const chunks = chunkText('scene:a', text, options);
    expect(chunks).toHaveLength(3);
    for (const chunk of chunks) expect(text.slice(chunk.from, chunk.to)).toBe(chunk.text);
    expect(chunks.map((c) => c.position)).toEqual([0, 1, 2]);
  });

  it('leads each chunk with the last sentence of the one before (the overlap)', () => {
    const chunks = chunkText('scene:a', [para(1), para(2)].join('\n\n'), options);
    expect(chunks[0]?.overlap).toBe('');
    expect(chunks[1]?.overlap).toBe('It ends 1.');
    expect(embeddingInput(chunks[1] ?? { overlap: '', text: '' })).toBe(`It ends 1.\n${para(2)}`);
  });

  it('groups short paragraphs (dialogue) until a chunk holds enough text', () => {
    const text = ['“Go.”', '“Where?”', '“Anywhere but here,” she said, and turned to the window again.', para(4)].join('\n\n');
    const chunks = chunkText('scene:a', text, options);
    expect(chunks[0]?.text.startsWith('“Go.”\n\n“Where?”')).toBe(true);
    expect(chunks.at(-1)?.text).toBe(para(4));
  });

  it('cuts a paragraph longer than the maximum at sentence ends', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} is here and it has some words.`).join(' ');
    const chunks = chunkText('scene:a', long, options);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.to - chunk.from).toBeLessThanOrEqual(options.maxChars);
      expect(chunk.text.endsWith('.')).toBe(true);
    }
  });

  it('keeps the keys of unchanged chunks when one paragraph is edited', () => {
    const before = chunkText('scene:a', [para(1), para(2), para(3), para(4)].join('\n\n'), options);
    const edited = para(2).replace('begins here', 'starts over');
    const after = chunkText('scene:a', [para(1), edited, para(3), para(4)].join('\n\n'), options);
    const beforeKeys = new Set(before.map((c) => c.key));
    const changed = after.filter((c) => !beforeKeys.has(c.key));
    expect(changed.map((c) => c.text)).toEqual([edited]);
  });

  it('gives equal text at another source, and a repeated passage, keys of their own', () => {
    const text = [para(1), para(1)].join('\n\n');
    const a = chunkText('scene:a', text, options);
    const b = chunkText('scene:b', text, options);
    expect(a[0]?.key).not.toBe(a[1]?.key);
    expect(a[0]?.key).not.toBe(b[0]?.key);
    expect(chunkText('scene:a', text, options).map((c) => c.key)).toEqual(a.map((c) => c.key));
  });

  it('makes one chunk of a whole entry', () => {
    expect(wholeChunk('memory:m', 'Mara fears the sea.')).toMatchObject({ from: 0, to: 19, overlap: '', text: 'Mara fears the sea.' });
    expect(chunkText('scene:a', '  \n\n ')).toEqual([]);
  });
});
