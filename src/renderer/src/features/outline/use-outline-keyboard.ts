import type { KeyboardEvent } from 'react';
import type { Outline } from '../../../../shared/models/manuscript';
import { useStores } from '../../app/services';
import { activate, deleteKey, moveByStep, renameKey } from './outline-actions';
import { chapterKey, findScene, parseKey, sceneKey, visibleKeys, type TreeKey } from './outline-model';

export interface OutlineKeyboardOptions {
  outline: Outline | null;
  collapsed: Record<string, boolean>;
  focusedKey: TreeKey | null;
  /** Moves focus to a row (and keeps it there across re-renders). */
  focusRow(key: TreeKey): void;
  setCollapsed(chapterId: string, collapsed: boolean): void;
  openMenuAt(key: TreeKey): void;
}

/**
 * The WAI-ARIA tree pattern: arrows move focus (Right/Left unfold, fold, or go to parent),
 * Home/End jump, Enter opens; plus F2 rename, Alt+Up/Down move, Delete, and Shift+F10 / the
 * Menu key for the actions menu.
 */
export function useOutlineKeyboard({ outline, collapsed, focusedKey, focusRow, setCollapsed, openMenuAt }: OutlineKeyboardOptions) {
  const { useOutline } = useStores();
  return (event: KeyboardEvent<HTMLElement>) => {
    if (!outline || !focusedKey) return;
    if (event.target instanceof HTMLInputElement) return;
    const keys = visibleKeys(outline, collapsed);
    const index = keys.indexOf(focusedKey);
    const item = parseKey(focusedKey);
    if (!item) return;
    const go = (key: TreeKey | undefined) => {
      if (key) focusRow(key);
    };
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };

    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      handled();
      if (moveByStep(useOutline, outline, focusedKey, event.key === 'ArrowUp' ? -1 : 1)) focusRow(focusedKey);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;

    switch (event.key) {
      case 'ArrowDown':
        handled();
        go(keys[Math.min(keys.length - 1, index + 1)]);
        break;
      case 'ArrowUp':
        handled();
        go(keys[Math.max(0, index - 1)]);
        break;
      case 'Home':
        handled();
        go(keys[0]);
        break;
      case 'End':
        handled();
        go(keys[keys.length - 1]);
        break;
      case 'ArrowRight':
        handled();
        if (item.kind === 'chapter') {
          if (collapsed[item.id]) setCollapsed(item.id, false);
          else {
            const first = outline.chapters.find((c) => c.id === item.id)?.scenes[0];
            if (first) go(sceneKey(first.id));
          }
        }
        break;
      case 'ArrowLeft':
        handled();
        if (item.kind === 'chapter') setCollapsed(item.id, true);
        else {
          const found = findScene(outline, item.id);
          if (found) go(chapterKey(found.chapter.id));
        }
        break;
      case 'Enter':
      case ' ':
        handled();
        activate(useOutline, focusedKey);
        break;
      case 'F2':
        handled();
        renameKey(useOutline, focusedKey);
        break;
      case 'Delete':
        handled();
        go(keys[index + 1] ?? keys[index - 1]);
        deleteKey(useOutline, focusedKey);
        break;
      case 'ContextMenu':
        handled();
        openMenuAt(focusedKey);
        break;
      case 'F10':
        if (event.shiftKey) {
          handled();
          openMenuAt(focusedKey);
        }
        break;
      default:
        break;
    }
  };
}
