/** Longest stretch the editor is asked to find: a phrase, not a paragraph. */
const MAX_WORDS = 10;

/**
 * What the editor should select when a passage found by meaning opens its scene: the start of
 * its first non-empty line (a chunk may span paragraphs, and the editor finds within one).
 */
export function passageFindText(text: string): string {
  const line = text
    .split(/\n+/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return '';
  return line.split(/\s+/).slice(0, MAX_WORDS).join(' ').replace(/^[…."'“”‘’]+|[…."'“”‘’,;:]+$/gu, '');
}
