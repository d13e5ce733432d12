import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { FileText } from 'lucide-react';
import { memo } from 'react';
import type { SceneMeta } from '../../../../shared/models/manuscript';
import { useStores } from '../../app/services';
import { formatCompact, formatCount } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { sceneKey } from './outline-model';
import { useOutlineTree } from './outline-tree-context';
import { OutlineRowMenuButton, OutlineRowTitle, outlineRowEvents } from './OutlineRowParts';

export interface OutlineSceneItemProps {
  scene: SceneMeta;
  /** The chapter the scene shows under (during a drag, possibly not yet its stored chapter). */
  chapterId: string;
  /** 1-based place among the chapter's `sceneCount` scenes (not all are rendered: ARIA needs both). */
  position: number;
  sceneCount: number;
}

/** One scene row: icon, title, word count; click opens it, double-click renames, drag reorders. */
export const OutlineSceneItem = memo(function OutlineSceneItem({ scene, chapterId, position, sceneCount }: OutlineSceneItemProps) {
  const { useOutline } = useStores();
  const key = sceneKey(scene.id);
  const tree = useOutlineTree();
  const selected = useNavigation((s) => s.sceneId === scene.id);
  const openScene = useNavigation((s) => s.openScene);
  const editing = useOutline((s) => s.editingId === scene.id);
  const startRename = useOutline((s) => s.startRename);
  const { setNodeRef, listeners, transform, transition, isDragging } = useSortable({
    id: key,
    data: { type: 'scene', chapterId },
    disabled: editing,
  });

  return (
    <li
      ref={setNodeRef}
      role="treeitem"
      aria-level={2}
      aria-posinset={position}
      aria-setsize={sceneCount}
      aria-selected={selected}
      aria-label={`${scene.title}, ${formatCount(scene.wordCount, 'word')}`}
      tabIndex={tree.focusedKey === key ? 0 : -1}
      data-key={key}
      data-testid="outline-scene"
      data-scene-id={scene.id}
      className={['outline-item', 'outline-scene', selected ? 'is-selected' : '', isDragging ? 'is-dragging' : ''].filter(Boolean).join(' ')}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      {...outlineRowEvents(tree, key)}
      onClick={() => {
        tree.onRowFocus(key);
        if (!selected) openScene(scene.id);
      }}
      onDoubleClick={() => startRename(scene.id)}
      {...listeners}
    >
      <div className="outline-row outline-row--scene">
        <FileText size={14} className="outline-row__icon" aria-hidden="true" />
        <OutlineRowTitle kind="scene" id={scene.id} treeKey={key} title={scene.title} editing={editing} />
        <span className="outline-row__count" data-testid="outline-scene-words" title={formatCount(scene.wordCount, 'word')}>
          {formatCompact(scene.wordCount)}
        </span>
        <span className="outline-row__actions">
          <OutlineRowMenuButton treeKey={key} label={`Actions for ${scene.title}`} testId="scene-menu" />
        </span>
      </div>
    </li>
  );
});
