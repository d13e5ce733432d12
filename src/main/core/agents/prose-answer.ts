/** A prose capability's output: the prose as it would go into the manuscript, and notes to the author. */
export interface ProseAnswer {
  text: string;
  notes: string[];
}

/** "Notes:", "**Notes**", "## Editor's notes:" alone on a line: the notes follow it. */
const NOTES_HEADING = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:(?:editor|writer|author)['’]?s[ \t]+)?notes(?:[ \t]+to[ \t]+the[ \t]+author)?[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$/gimu;
/** A separator line a model may put before the notes. */
const TRAILING_RULE = /\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/u;
const BULLET = /^[ \t]*(?:[-*•]|\d+[.)])[ \t]+/u;

/**
 * Reads a prose prompt's answer (streamed as plain text, so the writer watches readable prose)
 * as `{text, notes}`: everything before the last "Notes:" heading line is the prose, the lines
 * after it are notes, one per bullet. Only a heading followed by nothing but bullet lines counts
 * (a character may well say "Notes:" in the prose); without one it is all prose.
 */
export function readProseAnswer(answer: string): ProseAnswer {
  const normalised = answer.replace(/\r\n?/g, '\n');
  let heading: RegExpExecArray | null = null;
  for (const match of normalised.matchAll(NOTES_HEADING)) heading = match as RegExpExecArray;
  if (!heading) return { text: normalised.trim(), notes: [] };
  const lines = normalised
    .slice(heading.index + heading[0].length)
    .split('\n')
    .filter((line) => line.trim().length > 0);
  if (!lines.every((line) => BULLET.test(line))) return { text: normalised.trim(), notes: [] };
  const text = normalised.slice(0, heading.index).trimEnd().replace(TRAILING_RULE, '').trim();
  return { text, notes: lines.map((line) => line.replace(BULLET, '').trim()).filter((line) => line.length > 0) };
}
