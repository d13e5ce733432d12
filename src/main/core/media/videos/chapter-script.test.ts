import { describe, expect, it } from 'vitest';
import { narrationBlocks, scriptFromManuscript } from './chapter-script';

let n = 0;
const newId = () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;

describe('a chapter’s script from its text', () => {
  it('groups paragraphs into blocks under the limit, keeping their order and text', () => {
    const paragraphs = ['a'.repeat(300), 'b'.repeat(300), 'c'.repeat(300), 'd'.repeat(50)];
    expect(narrationBlocks(paragraphs.join('\n\n'), 700)).toEqual([`${paragraphs[0]}\n\n${paragraphs[1]}`, `${paragraphs[2]}\n\n${paragraphs[3]}`]);
    expect(narrationBlocks('One line\nwrapped.\n\n\n\nTwo.')).toEqual(['One line wrapped.\n\nTwo.']);
    expect(narrationBlocks('  \n\n ')).toEqual([]);
  });

  it('splits one over-long paragraph at sentence ends, and a sentence with no end at spaces', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i + 1} goes on a while.`);
    const blocks = narrationBlocks(sentences.join(' '), 200);
    expect(blocks.every((b) => b.length <= 200)).toBe(true);
    expect(blocks.every((b) => b.endsWith('.'))).toBe(true);
    expect(blocks.join(' ')).toBe(sentences.join(' '));
    const endless = Array.from({ length: 100 }, () => 'word').join(' ');
    const cut = narrationBlocks(endless, 120);
    expect(cut.every((b) => b.length <= 120)).toBe(true);
    expect(cut.join(' ')).toBe(endless);
  });

  it('makes title-card scenes captioned with the scene title, skipping empty scenes; refuses a chapter too long for one video', () => {
    const script = scriptFromManuscript(
      [
        { title: 'Arrival', text: 'Mara waits.' },
        { title: 'Nothing yet', text: '' },
        { title: 'Storm', text: 'The sea rose.' },
      ],
      newId,
    );
    expect(script.scenes.map((s) => [s.caption, s.narration, s.image])).toEqual([
      ['Arrival', 'Mara waits.', { kind: 'title-card', text: 'Arrival', background: '#1d2433' }],
      ['Storm', 'The sea rose.', { kind: 'title-card', text: 'Storm', background: '#1d2433' }],
    ]);
    const huge = Array.from({ length: 600 }, (_, i) => ({ title: `Scene ${i}`, text: 'Words.' }));
    expect(() => scriptFromManuscript(huge, newId)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});
