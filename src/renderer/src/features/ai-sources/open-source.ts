import type { ContextSource } from '../../../../shared/models/context-source';
import type { CodexStore } from '../codex';
import { useNavigation } from '../project/navigation.store';

/** How much of a passage's opening the editor looks for, to select where the passage starts. */
const FIND_CHARS = 60;

/** The opening words of an excerpt, cut at a word, that the editor can find in the scene. */
export function findTextOf(excerpt: string): string {
  const flat = excerpt.replace(/…$/u, '').replace(/\s+/g, ' ').trim();
  if (flat.length <= FIND_CHARS) return flat;
  const cut = flat.slice(0, FIND_CHARS);
  const space = cut.lastIndexOf(' ');
  return space > FIND_CHARS / 2 ? cut.slice(0, space) : cut;
}

/** Whether a source opens something (memories have no place of their own to open yet). */
export function canOpen(source: ContextSource): boolean {
  return source.type === 'scene' || source.type === 'codex';
}

/**
 * Opens where a source lives: a scene in the editor, with the passage's opening selected (as a
 * search result does); a codex entry in the codex panel.
 */
export function openSource(source: ContextSource, codex: CodexStore): void {
  if (source.type === 'scene') {
    useNavigation.getState().openScene(source.id, findTextOf(source.excerpt) || undefined);
  } else if (source.type === 'codex') {
    codex.getState().setFocus(source.id);
    useNavigation.getState().setPanel('codex');
  }
}
