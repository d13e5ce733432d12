import { ArrowDown, ArrowUp, BookOpen, FolderInput, Pencil, Plus, Trash2 } from 'lucide-react';
import type { Outline } from '../../../../shared/models/manuscript';
import type { MenuItem } from '../../ui';
import { activate, deleteKey, moveByStep, renameKey } from './outline-actions';
import { findScene, parseKey, sceneStep, type TreeKey } from './outline-model';
import type { OutlineStore } from './outline.store';

/** The actions of one row, shared by the ⋯ button, right-click and Shift+F10. */
export function outlineMenuItems(useOutline: OutlineStore, outline: Outline, key: TreeKey, onMoveToChapter: (sceneId: string) => void): MenuItem[] {
  const item = parseKey(key);
  if (!item) return [];
  const up = { id: 'up', label: 'Move up', icon: <ArrowUp size={15} />, shortcut: 'Alt+↑', 'data-testid': 'menu-move-up', onSelect: () => moveByStep(useOutline, outline, key, -1) };
  const down = { id: 'down', label: 'Move down', icon: <ArrowDown size={15} />, shortcut: 'Alt+↓', 'data-testid': 'menu-move-down', onSelect: () => moveByStep(useOutline, outline, key, 1) };
  const rename = { id: 'rename', label: 'Rename', icon: <Pencil size={15} />, shortcut: 'F2', 'data-testid': 'menu-rename', onSelect: () => renameKey(useOutline, key) };
  if (item.kind === 'chapter') {
    const index = outline.chapters.findIndex((c) => c.id === item.id);
    return [
      { id: 'add', label: 'Add scene', icon: <Plus size={15} />, 'data-testid': 'menu-add-scene', onSelect: () => void useOutline.getState().addScene(item.id) },
      rename,
      { ...up, disabled: index <= 0 },
      { ...down, disabled: index >= outline.chapters.length - 1 },
      { id: 'delete', label: 'Delete chapter', icon: <Trash2 size={15} />, danger: true, separatorBefore: true, 'data-testid': 'menu-delete', onSelect: () => deleteKey(useOutline, key) },
    ];
  }
  const found = findScene(outline, item.id);
  return [
    { id: 'open', label: 'Open', icon: <BookOpen size={15} />, shortcut: 'Enter', 'data-testid': 'menu-open', onSelect: () => activate(useOutline, key) },
    rename,
    {
      id: 'move',
      label: 'Move to chapter…',
      icon: <FolderInput size={15} />,
      disabled: outline.chapters.length < 2 || !found,
      'data-testid': 'menu-move-to-chapter',
      onSelect: () => onMoveToChapter(item.id),
    },
    { ...up, disabled: sceneStep(outline, item.id, -1) === null },
    { ...down, disabled: sceneStep(outline, item.id, 1) === null },
    { id: 'delete', label: 'Delete scene', icon: <Trash2 size={15} />, shortcut: 'Del', danger: true, separatorBefore: true, 'data-testid': 'menu-delete', onSelect: () => deleteKey(useOutline, key) },
  ];
}
