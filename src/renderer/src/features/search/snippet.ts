import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../../../shared/models/search';

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Splits a snippet from the core into plain and matched parts. The core brackets each match
 * with SNIPPET_OPEN/SNIPPET_CLOSE; unbalanced markers are tolerated and never shown.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = '';
  const push = () => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text;
    else parts.push({ text, hit });
    text = '';
  };
  for (const char of snippet) {
    if (char === SNIPPET_OPEN || char === SNIPPET_CLOSE) {
      push();
      hit = char === SNIPPET_OPEN;
    } else text += char;
  }
  push();
  return parts;
}
