import type { Node as PmNode } from '@tiptap/pm/model';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { diffChars } from 'diff';
import * as Y from 'yjs';
import type { Schema } from '@tiptap/pm/model';

/**
 * Diffs a whole document into a Y.XmlFragment with as few touched characters as possible.
 *
 * y-prosemirror's `updateYFragment` is built for one editor transaction at a time: it matches
 * equal blocks from both ends and rewrites the blocks in between pairwise. A save holds many
 * keystrokes, so with two paragraphs split apart in one save it would rewrite every paragraph
 * between them with its neighbour's text (delete all, insert all) — and text another device
 * typed into those paragraphs meanwhile would land in the wrong place or be scrambled. Here the
 * top-level blocks are aligned first (longest common subsequence of equal blocks), so only
 * changed blocks are touched; a changed paragraph's text is edited by a character diff (every
 * separate change on its own), and `updateYFragment` then only fixes marks and attributes.
 */

/** Above this many cells the alignment falls back to `updateYFragment` alone (a pathological save). */
const MAX_ALIGNMENT_CELLS = 4_000_000;

const meta = () => ({ mapping: new Map(), isOMark: new Map() });

/** The plain text of a Y.XmlText (its string inserts; formatting is not part of it). */
function plainOf(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** A textblock of plain text runs held as one Y.XmlText: its text can be edited by a character diff. */
function textOnly(element: Y.XmlElement, block: PmNode): Y.XmlText | null {
  if (!block.isTextblock || element.length !== 1) return null;
  const child = element.get(0);
  if (!(child instanceof Y.XmlText)) return null;
  let onlyText = true;
  block.forEach((node) => {
    if (!node.isText) onlyText = false;
  });
  return onlyText ? child : null;
}

/** Brings one block up to date: its text by a character diff when it is plain runs, then marks, attributes and the rest. */
function updateBlock(doc: Y.Doc, element: Y.XmlElement, block: PmNode): void {
  const text = textOnly(element, block);
  if (text) {
    let index = 0;
    for (const part of diffChars(plainOf(text), block.textContent)) {
      if (part.removed) text.delete(index, part.value.length);
      else if (part.added) {
        text.insert(index, part.value);
        index += part.value.length;
      } else index += part.value.length;
    }
  }
  updateYFragment(doc, element, block, meta());
}

/** Longest common subsequence of equal blocks: pairs of indexes (old, new), in order. */
function alignEqual(before: readonly PmNode[], after: readonly PmNode[]): Array<[number, number]> {
  const n = before.length;
  const m = after.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = table[i] as Uint32Array;
    const below = table[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j -= 1) {
      row[j] = (before[i] as PmNode).eq(after[j] as PmNode) ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if ((before[i] as PmNode).eq(after[j] as PmNode)) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (((table[i + 1] as Uint32Array)[j] as number) >= ((table[i] as Uint32Array)[j + 1] as number)) i += 1;
    else j += 1;
  }
  return pairs;
}

/** How alike two blocks are: same type, then shared text at the start and end. */
function likeness(a: PmNode, b: PmNode): number {
  if (a.type !== b.type) return -1;
  const x = a.textContent;
  const y = b.textContent;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start += 1;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end += 1;
  return start + end;
}

/**
 * Pairs the changed blocks between two aligned anchors: each old block with the most alike new
 * block of its type, in order; unpaired old blocks are deleted, unpaired new ones inserted.
 */
function pairRun(before: readonly PmNode[], after: readonly PmNode[]): Array<[number | null, number | null]> {
  const steps: Array<[number | null, number | null]> = [];
  let j = 0;
  for (let i = 0; i < before.length; i += 1) {
    let best = -1;
    let bestScore = -1;
    // Leave room for the remaining old blocks only if they can still pair; any later new block may do.
    for (let k = j; k < after.length; k += 1) {
      const score = likeness(before[i] as PmNode, after[k] as PmNode);
      if (score > bestScore) {
        best = k;
        bestScore = score;
      }
    }
    if (best < 0 || bestScore < 0) {
      steps.push([i, null]);
      continue;
    }
    for (; j < best; j += 1) steps.push([null, j]);
    steps.push([i, best]);
    j = best + 1;
  }
  for (; j < after.length; j += 1) steps.push([null, j]);
  return steps;
}

/** Diffs `node` (a whole document) into `fragment`, inside one transaction of `doc`. */
export function diffDocumentInto(doc: Y.Doc, fragment: Y.XmlFragment, node: PmNode, schema: Schema): void {
  const currentBlocks: PmNode[] = [];
  if (fragment.length > 0) yXmlFragmentToProseMirrorRootNode(fragment, schema).forEach((block) => currentBlocks.push(block));
  const nextBlocks: PmNode[] = [];
  node.forEach((block) => nextBlocks.push(block));
  const elements = fragment.toArray();
  // Only elements map one-to-one onto blocks; anything else (never written by this app) goes the library's way.
  if (elements.length !== currentBlocks.length || elements.some((e) => !(e instanceof Y.XmlElement)) || currentBlocks.length * nextBlocks.length > MAX_ALIGNMENT_CELLS) {
    updateYFragment(doc, fragment, node, meta());
    return;
  }
  Y.transact(doc, () => {
    const anchors = [...alignEqual(currentBlocks, nextBlocks), [currentBlocks.length, nextBlocks.length] as [number, number]];
    // Walk from the end, so indexes before the current run stay valid while it is edited.
    for (let a = anchors.length - 1; a >= 0; a -= 1) {
      const [oldEnd, newEnd] = anchors[a] as [number, number];
      const [oldStart, newStart] = a === 0 ? [0, 0] : ((anchors[a - 1] as [number, number]).map((x) => x + 1) as [number, number]);
      const steps = pairRun(currentBlocks.slice(oldStart, oldEnd), nextBlocks.slice(newStart, newEnd));
      let at = oldEnd;
      // Applied back to front: `at` is where the next step (going left) ends in the fragment.
      for (let s = steps.length - 1; s >= 0; s -= 1) {
        const [o, n] = steps[s] as [number | null, number | null];
        if (o !== null && n !== null) {
          updateBlock(doc, elements[oldStart + o] as Y.XmlElement, nextBlocks[newStart + n] as PmNode);
          at = oldStart + o;
        } else if (o !== null) {
          fragment.delete(oldStart + o, 1);
          at = oldStart + o;
        } else if (n !== null) {
          const block = nextBlocks[newStart + n] as PmNode;
          const element = new Y.XmlElement(block.type.name);
          fragment.insert(at, [element]);
          updateYFragment(doc, element, block, meta());
        }
      }
    }
  });
}
