import { Fragment, Slice, type Node as PmNode, type Schema } from '@tiptap/pm/model';
import { closeHistory } from '@tiptap/pm/history';
import { Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { blockEnd, clampTarget, type SuggestionTarget } from './suggestion-target';

/**
 * A model's answer as paragraphs: every line break starts a paragraph (prose rarely has line
 * breaks inside a paragraph, and brainstorm lists come one idea per line). Blank lines and the
 * spaces around each paragraph are dropped.
 */
export function toParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function paragraphNodes(schema: Schema, paragraphs: readonly string[]): PmNode[] {
  const paragraph = schema.nodes['paragraph'];
  if (!paragraph) throw new Error('The schema has no paragraph node.');
  return paragraphs.map((p) => paragraph.create(null, schema.text(p)));
}

/** Continuing a sentence needs a space after "…said." but not after "(" or at a paragraph start. */
function needsLeadingSpace(doc: PmNode, at: number, first: string): boolean {
  const $at = doc.resolve(at);
  if (!$at.parent.isTextblock || $at.parentOffset === 0) return false;
  const before = $at.parent.textBetween(Math.max(0, $at.parentOffset - 1), $at.parentOffset);
  return before.length > 0 && !/[\s([{“‘"'—-]/.test(before) && !/^[\s,.;:!?)\]}”’…]/.test(first);
}

/**
 * The one transaction that applies an accepted suggestion: it replaces or inserts the text,
 * clears the suggestion, and starts its own undo step (so Ctrl+Z takes back exactly the
 * suggestion, never the writer's typing just before it). Returns null when there is no text.
 * `clearMeta` lets the caller add its plugin's "suggestion gone" meta to the same transaction.
 */
export function acceptTransaction(
  state: EditorState,
  rawTarget: SuggestionTarget,
  text: string,
  clearMeta?: (tr: Transaction) => Transaction,
): Transaction | null {
  const paragraphs = toParagraphs(text);
  const first = paragraphs[0];
  if (first === undefined) return null;
  const target = clampTarget(rawTarget, state.doc);
  const tr = state.tr;
  let end: number;
  if (target.kind === 'after-block') {
    const at = blockEnd(state.doc, target.at);
    tr.insert(at, Fragment.fromArray(paragraphNodes(state.schema, paragraphs)));
    end = tr.mapping.map(at, 1);
  } else {
    const from = target.kind === 'replace' ? target.from : target.at;
    const to = target.kind === 'replace' ? target.to : target.at;
    const lead = target.kind === 'insert' && needsLeadingSpace(state.doc, from, first) ? ' ' : '';
    const nodes = paragraphNodes(state.schema, [lead + first, ...paragraphs.slice(1)]);
    // An open slice joins the first and last paragraph with the text around the range, as a paste does.
    tr.replace(from, to, new Slice(Fragment.fromArray(nodes), 1, 1));
    end = tr.mapping.map(to, 1);
  }
  const $end = tr.doc.resolve(Math.min(end, tr.doc.content.size));
  tr.setSelection($end.parent.isTextblock ? TextSelection.create(tr.doc, $end.pos) : Selection.near($end, -1));
  closeHistory(tr);
  tr.scrollIntoView();
  return clearMeta ? clearMeta(tr) : tr;
}

/**
 * An empty transaction that ends the current undo step, so typing right after an accepted
 * suggestion is its own step too. Dispatch it right after {@link acceptTransaction}'s.
 */
export function sealHistory(state: EditorState): Transaction {
  return closeHistory(state.tr);
}
