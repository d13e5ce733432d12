import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ChevronRight, Plus } from 'lucide-react';
import { memo } from 'react';
import type { ChapterWithScenes, SceneMeta } from '../../../../shared/models/manuscript';
import { useStores } from '../../app/services';
import { formatCompact, formatCount } from '../../ui';
import { chapterKey, chapterWords, sceneKey } from './outline-model';
import { OUTLINE_ROW_PX } from './outline-window';
import { useOutlineTree } from './outline-tree-context';
import { OutlineRowAction, OutlineRowMenuButton, OutlineRowTitle, outlineRowEvents } from './OutlineRowParts';
import { OutlineSceneItem } from './OutlineSceneItem';

export interface OutlineChapterItemProps {
  chapter: ChapterWithScenes;
  /** 1-based place among `chapterCount` chapters (not all are rendered: ARIA needs both). */
  position: number;
  chapterCount: number;
  /** The scenes to show, in order (during a drag this may differ from `chapter.scenes`). */
  scenes: readonly SceneMeta[];
  /** The window of scenes to render, `from` inclusive to `to` exclusive; spacers stand for the rest. */
  from: number;
  to: number;
}

/** A chapter row with its scenes beneath; the row is the drag handle, the whole block a drop zone. */
// Memoised: an autosave changes one scene's word count, and only its chapter should re-render.
export const OutlineChapterItem = memo(function OutlineChapterItem({ chapter, position, chapterCount, scenes, from, to }: OutlineChapterItemProps) {
  const { useOutline } = useStores();
  const key = chapterKey(chapter.id);
  const tree = useOutlineTree();
  const collapsed = useOutline((s) => s.collapsed[chapter.id] === true);
  const editing = useOutline((s) => s.editingId === chapter.id);
  const { setCollapsed, addScene, startRename } = useOutline.getState();
  const expanded = !collapsed && !tree.draggingChapter;
  const sortable = useSortable({ id: key, data: { type: 'chapter' }, disabled: editing });
  const drop = useDroppable({ id: `chapter-drop:${chapter.id}`, data: { type: 'chapter-drop', chapterId: chapter.id } });
  const words = chapterWords(chapter);

  return (
    <li
      ref={drop.setNodeRef}
      role="treeitem"
      aria-level={1}
      aria-posinset={position}
      aria-setsize={chapterCount}
      aria-expanded={expanded}
      aria-label={`${chapter.title}, ${formatCount(chapter.scenes.length, 'scene')}, ${formatCount(words, 'word')}`}
      tabIndex={tree.focusedKey === key ? 0 : -1}
      data-key={key}
      data-testid="outline-chapter"
      data-chapter-id={chapter.id}
      className={['outline-item', 'outline-chapter', sortable.isDragging ? 'is-dragging' : '', drop.isOver && !tree.draggingChapter ? 'is-drop-target' : ''].filter(Boolean).join(' ')}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      {...outlineRowEvents(tree, key)}
    >
      <div
        ref={sortable.setNodeRef}
        className="outline-row outline-row--chapter"
        onClick={() => {
          tree.onRowFocus(key);
          setCollapsed(chapter.id, expanded);
        }}
        onDoubleClick={() => startRename(chapter.id)}
        {...sortable.listeners}
      >
        <ChevronRight size={14} className="outline-row__chevron" aria-hidden="true" data-testid="outline-chapter-toggle" />
        <OutlineRowTitle kind="chapter" id={chapter.id} treeKey={key} title={chapter.title} editing={editing} />
        <span className="outline-row__count" title={formatCount(words, 'word')}>
          {formatCompact(words)}
        </span>
        <span className="outline-row__actions">
          <OutlineRowAction aria-label={`Add a scene to ${chapter.title}`} title="Add scene" data-testid="add-scene" onActivate={() => void addScene(chapter.id)}>
            <Plus size={15} />
          </OutlineRowAction>
          <OutlineRowMenuButton treeKey={key} label={`Actions for ${chapter.title}`} testId="chapter-menu" />
        </span>
      </div>
      {expanded && (
        <SortableContext items={scenes.map((s) => sceneKey(s.id))} strategy={verticalListSortingStrategy}>
          <ul role="group" className="outline-group">
            {from > 0 && <li role="none" aria-hidden="true" className="outline-spacer" style={{ height: from * OUTLINE_ROW_PX }} />}
            {scenes.slice(from, to).map((scene, i) => (
              <OutlineSceneItem key={scene.id} scene={scene} chapterId={chapter.id} position={from + i + 1} sceneCount={scenes.length} />
            ))}
            {to < scenes.length && <li role="none" aria-hidden="true" className="outline-spacer" style={{ height: (scenes.length - to) * OUTLINE_ROW_PX }} />}
            {scenes.length === 0 && (
              <li role="none" className="outline-empty-chapter">
                No scenes yet.{' '}
                <button type="button" tabIndex={-1} className="ui-link-button" onClick={() => void addScene(chapter.id)} data-testid="add-scene-empty">
                  Add one
                </button>
              </li>
            )}
          </ul>
        </SortableContext>
      )}
    </li>
  );
});
