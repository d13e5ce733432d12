import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ChevronRight, Ellipsis, Plus } from 'lucide-react';
import { memo } from 'react';
import type { ChapterWithScenes, SceneMeta } from '../../../../shared/models/manuscript';
import { formatCompact, formatCount } from '../../ui';
import { InlineRename } from './InlineRename';
import { chapterKey, chapterWords, sceneKey } from './outline-model';
import { useOutlineTree } from './outline-tree-context';
import { useOutline } from './outline.store';
import { OutlineSceneItem } from './OutlineSceneItem';

export interface OutlineChapterItemProps {
  chapter: ChapterWithScenes;
  /** The scenes to show, in order (during a drag this may differ from `chapter.scenes`). */
  scenes: readonly SceneMeta[];
}

/** A chapter row with its scenes beneath; the row is the drag handle, the whole block a drop zone. */
// Memoised: an autosave changes one scene's word count, and only its chapter should re-render.
export const OutlineChapterItem = memo(function OutlineChapterItem({ chapter, scenes }: OutlineChapterItemProps) {
  const key = chapterKey(chapter.id);
  const tree = useOutlineTree();
  const collapsed = useOutline((s) => s.collapsed[chapter.id] === true);
  const editing = useOutline((s) => s.editingId === chapter.id);
  const { setCollapsed, addScene, rename, startRename } = useOutline.getState();
  const expanded = !collapsed && !tree.draggingChapter;
  const sortable = useSortable({ id: key, data: { type: 'chapter' }, disabled: editing });
  const drop = useDroppable({ id: `chapter-drop:${chapter.id}`, data: { type: 'chapter-drop', chapterId: chapter.id } });
  const words = chapterWords(chapter);

  return (
    <li
      ref={drop.setNodeRef}
      role="treeitem"
      aria-level={1}
      aria-expanded={expanded}
      aria-label={`${chapter.title}, ${formatCount(chapter.scenes.length, 'scene')}, ${formatCount(words, 'word')}`}
      tabIndex={tree.focusedKey === key ? 0 : -1}
      data-key={key}
      data-testid="outline-chapter"
      data-chapter-id={chapter.id}
      className={['outline-item', 'outline-chapter', sortable.isDragging ? 'is-dragging' : '', drop.isOver && !tree.draggingChapter ? 'is-drop-target' : ''].filter(Boolean).join(' ')}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      onFocus={(event) => {
        if (event.target === event.currentTarget) tree.onRowFocus(key);
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        event.stopPropagation();
        tree.openMenu(key, event.clientX, event.clientY);
      }}
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
        {editing ? (
          <InlineRename value={chapter.title} label="Chapter title" onCommit={(title, keyboard) => { void rename('chapter', chapter.id, title); tree.endRename(key, keyboard); }} onCancel={(keyboard) => { useOutline.getState().stopRename(); tree.endRename(key, keyboard); }} />
        ) : (
          <span className="outline-row__title" data-testid="outline-chapter-title" title={chapter.title}>
            {chapter.title}
          </span>
        )}
        <span className="outline-row__count" title={formatCount(words, 'word')}>
          {formatCompact(words)}
        </span>
        <span className="outline-row__actions">
          <button
            type="button"
            tabIndex={-1}
            className="outline-row__menu"
            aria-label={`Add a scene to ${chapter.title}`}
            title="Add scene"
            data-testid="add-scene"
            onPointerDown={(event) => event.stopPropagation()}
            onClick={(event) => {
              event.stopPropagation();
              void addScene(chapter.id);
            }}
          >
            <Plus size={15} />
          </button>
          <button
            type="button"
            tabIndex={-1}
            className="outline-row__menu"
            aria-label={`Actions for ${chapter.title}`}
            data-testid="chapter-menu"
            onPointerDown={(event) => event.stopPropagation()}
            onClick={(event) => {
              event.stopPropagation();
              const rect = event.currentTarget.getBoundingClientRect();
              tree.openMenu(key, rect.left, rect.bottom + 4);
            }}
          >
            <Ellipsis size={15} />
          </button>
        </span>
      </div>
      {expanded && (
        <SortableContext items={scenes.map((s) => sceneKey(s.id))} strategy={verticalListSortingStrategy}>
          <ul role="group" className="outline-group">
            {scenes.map((scene) => (
              <OutlineSceneItem key={scene.id} scene={scene} chapterId={chapter.id} />
            ))}
            {scenes.length === 0 && (
              <li role="none" className="outline-empty-chapter">
                No scenes yet.{' '}
                <button type="button" tabIndex={-1} onClick={() => void addScene(chapter.id)} data-testid="add-scene-empty">
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
