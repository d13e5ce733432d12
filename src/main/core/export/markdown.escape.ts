/** Where a piece of text sits on its Markdown line, which decides what must be escaped. */
export interface EscapeContext {
  /** The text begins a line, where `#`, `-`, `>`, `1.` and the like start blocks. */
  lineStart: boolean;
  /** The text ends an ATX heading, where a final run of `#` would be read as a closing sequence. */
  headingEnd?: boolean;
}

/**
 * Escapes text so CommonMark shows it literally. Backslash escapes work for every ASCII
 * punctuation mark, so escaping a little too much is harmless; escaping too little is not.
 * `_` inside a word is left alone: CommonMark never reads it as emphasis there.
 */
export function escapeMarkdownText(text: string, context: EscapeContext): string {
  let out = text.replace(/[\\`*~[\]_]/g, (char, index: number) =>
    char === '_' && /\w/.test(text[index - 1] ?? '') && /\w/.test(text[index + 1] ?? '') ? char : `\\${char}`,
  );
  // Raw HTML and entity references are CommonMark too; only their openings need escaping.
  out = out.replace(/<(?=[A-Za-z/!?])/g, '\\<').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  if (context.lineStart) {
    out = out
      .replace(/^[ \t]+/, '')
      .replace(/^([-+>=]|#{1,6}(?=[ \t]|$))/, '\\$1')
      .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
  }
  if (context.headingEnd) out = out.replace(/(^|[ \t])(#+)([ \t]*)$/, '$1\\$2$3');
  return out;
}
