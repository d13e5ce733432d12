import { createContext, useContext } from 'react';
import type { TreeKey } from './outline-model';

/** What the tree shares with its rows, so rows need no long prop lists. */
export interface OutlineTreeContextValue {
  /** The row that takes Tab focus (roving tabindex). */
  focusedKey: TreeKey | null;
  /** Records that a row got focus (by click or by the keyboard). */
  onRowFocus(key: TreeKey): void;
  /** Opens the row's actions menu at a viewport point. */
  openMenu(key: TreeKey, x: number, y: number): void;
  /** After an inline rename: puts focus back on the row when the keyboard ended it. */
  endRename(key: TreeKey, keyboard: boolean): void;
  /** True while a chapter is being dragged: scenes are folded away so chapters are easy to reorder. */
  draggingChapter: boolean;
}

export const OutlineTreeContext = createContext<OutlineTreeContextValue | null>(null);

export function useOutlineTree(): OutlineTreeContextValue {
  const value = useContext(OutlineTreeContext);
  if (!value) throw new Error('useOutlineTree must be used inside OutlineTree');
  return value;
}
