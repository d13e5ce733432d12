import type { Outline } from '../../../../shared/models/manuscript';
import { useNavigation } from '../project/navigation.store';
import { parseKey, sceneStep, type TreeKey } from './outline-model';
import type { OutlineStore } from './outline.store';

/** Alt+Arrow: moves a chapter one place, or a scene one place (across chapter edges). Returns false at an end. */
export function moveByStep(useOutline: OutlineStore, outline: Outline, key: TreeKey, direction: -1 | 1): boolean {
  const item = parseKey(key);
  if (!item) return false;
  const store = useOutline.getState();
  if (item.kind === 'chapter') {
    const index = outline.chapters.findIndex((c) => c.id === item.id);
    const target = index + direction;
    if (index < 0 || target < 0 || target >= outline.chapters.length) return false;
    void store.moveChapter(item.id, target);
    return true;
  }
  const step = sceneStep(outline, item.id, direction);
  if (!step) return false;
  void store.moveScene(item.id, step.chapterId, step.position);
  return true;
}

/** Enter on a row: opens a scene, folds or unfolds a chapter. */
export function activate(useOutline: OutlineStore, key: TreeKey): void {
  const item = parseKey(key);
  if (!item) return;
  if (item.kind === 'scene') useNavigation.getState().openScene(item.id);
  else {
    const store = useOutline.getState();
    store.setCollapsed(item.id, store.collapsed[item.id] !== true);
  }
}

export function renameKey(useOutline: OutlineStore, key: TreeKey): void {
  const item = parseKey(key);
  if (item) useOutline.getState().startRename(item.id);
}

export function deleteKey(useOutline: OutlineStore, key: TreeKey): void {
  const item = parseKey(key);
  if (item) void useOutline.getState().remove(item.kind, item.id);
}
