import { describe, expect, it } from 'vitest';
import { readProseAnswer } from './prose-answer';

describe('reading a prose answer', () => {
  it('is all prose without a notes section', () => {
    expect(readProseAnswer('  The sea.\n\nThe lamp.  ')).toEqual({ text: 'The sea.\n\nThe lamp.', notes: [] });
  });

  it('splits the notes after the last heading into one note per bullet', () => {
    const answer = 'The sea rose.\r\n\r\n---\r\n**Notes:**\r\n- Cut two adverbs.\r\n* Kept the tense.\r\n1. Checked names.';
    expect(readProseAnswer(answer)).toEqual({ text: 'The sea rose.', notes: ['Cut two adverbs.', 'Kept the tense.', 'Checked names.'] });
    expect(readProseAnswer('Prose.\n\n## Editor’s notes\n- One.')).toEqual({ text: 'Prose.', notes: ['One.'] });
  });

  it('keeps a "Notes:" line followed by prose as prose', () => {
    const answer = 'He unfolded the paper.\n\nNotes:\nThe handwriting was hers, and the ink was still wet.';
    expect(readProseAnswer(answer)).toEqual({ text: answer, notes: [] });
  });
});
