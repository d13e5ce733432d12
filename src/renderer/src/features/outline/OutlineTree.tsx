import { DndContext, DragOverlay, MeasuringStrategy } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FileText, Folder } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SceneMeta } from '../../../../shared/models/manuscript';
import { useStores } from '../../app/services';
import { Menu } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { MoveSceneDialog } from './MoveSceneDialog';
import { outlineMenuItems } from './outline-menu-items';
import { chapterKey, findScene, sceneKey, visibleKeys, type TreeKey } from './outline-model';
import { outlineRows, outlineWindow, rowHeight, type ChapterShape } from './outline-window';
import { OutlineTreeContext, type OutlineTreeContextValue } from './outline-tree-context';
import { OutlineChapterItem } from './OutlineChapterItem';
import { useOutlineDnd } from './use-outline-dnd';
import { useOutlineKeyboard } from './use-outline-keyboard';

/** The manuscript as an ARIA tree of chapters and scenes, sortable by drag and by keyboard. */
export function OutlineTree() {
  const { useOutline } = useStores();
  const outline = useOutline((s) => s.outline);
  const collapsed = useOutline((s) => s.collapsed);
  const setCollapsed = useOutline((s) => s.setCollapsed);
  const sceneId = useNavigation((s) => s.sceneId);
  const [focusedKey, setFocusedKey] = useState<TreeKey | null>(null);
  const [menu, setMenu] = useState<{ key: TreeKey; x: number; y: number } | null>(null);
  const [moveSceneId, setMoveSceneId] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  /** A row that should receive focus once it is rendered (it may be re-created by a move). */
  const wantFocus = useRef<TreeKey | null>(null);
  const dnd = useOutlineDnd(outline);

  const keys = useMemo(() => (outline ? visibleKeys(outline, collapsed) : []), [outline, collapsed]);
  const selectedKey = sceneId ? sceneKey(sceneId) : null;
  const effectiveFocus = focusedKey && keys.includes(focusedKey) ? focusedKey : selectedKey && keys.includes(selectedKey) ? selectedKey : (keys[0] ?? null);

  // The scenes each chapter shows (during a scene drag, the live order), and the flat rows the
  // virtualizer counts: only the rows near the viewport are rendered (see outline-window.ts).
  const sceneOrder = dnd.drag?.kind === 'scene' ? dnd.drag.order : null;
  const chapterScenes = useMemo(() => {
    if (!outline) return [];
    if (!sceneOrder) return outline.chapters.map((c) => c.scenes);
    const scenesById = new Map<string, SceneMeta>(outline.chapters.flatMap((c) => c.scenes.map((s) => [s.id, s] as const)));
    return outline.chapters.map((c) => (sceneOrder[c.id] ?? []).flatMap((id) => scenesById.get(id) ?? []));
  }, [outline, sceneOrder]);
  const draggingChapter = dnd.drag?.kind === 'chapter';
  const shapes = useMemo<ChapterShape[]>(
    () => (outline?.chapters ?? []).map((c, i) => ({ sceneCount: chapterScenes[i]?.length ?? 0, expanded: !collapsed[c.id] && !draggingChapter })),
    [outline, chapterScenes, collapsed, draggingChapter],
  );
  const model = useMemo(() => outlineRows(shapes), [shapes]);
  const rowKeys = useMemo(
    () =>
      model.rows.map((row) => {
        const chapter = outline?.chapters[row.chapterIndex];
        if (row.kind === 'scene') return sceneKey(chapterScenes[row.chapterIndex]?.[row.sceneIndex]?.id ?? '');
        return row.kind === 'chapter' ? chapterKey(chapter?.id ?? '') : `empty:${chapter?.id ?? ''}`;
      }),
    [model, outline, chapterScenes],
  );
  const getItemKey = useCallback((index: number) => rowKeys[index] ?? index, [rowKeys]);
  const virtualizer = useVirtualizer({
    count: model.rows.length,
    getScrollElement: () => treeRef.current?.parentElement ?? null,
    estimateSize: (index) => rowHeight(model.rows[index]),
    getItemKey,
    overscan: 20,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const rendered = outlineWindow(shapes, model, virtualRows[0]?.index ?? 0, virtualRows.at(-1)?.index ?? -1);
  /** Scrolls a row that is not rendered into view (it renders, then `wantFocus` focuses it). */
  const revealRow = useRef((_key: TreeKey) => {});
  revealRow.current = (key) => {
    const index = rowKeys.indexOf(key);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const rowElement = (key: TreeKey) => treeRef.current?.querySelector<HTMLElement>(`[data-key="${key}"]`) ?? null;
  const focusRow = useCallback((key: TreeKey) => {
    wantFocus.current = key;
    setFocusedKey(key);
    const element = treeRef.current?.querySelector<HTMLElement>(`[data-key="${key}"]`);
    if (element) element.focus();
    else revealRow.current(key);
  }, []);

  // The open scene is scrolled into view when it changes (e.g. opened from search, or at start).
  useEffect(() => {
    if (selectedKey && !treeRef.current?.querySelector(`[data-key="${selectedKey}"]`)) revealRow.current(selectedKey);
  }, [selectedKey, model]);

  useEffect(() => {
    const key = wantFocus.current;
    if (!key) return;
    const element = treeRef.current?.querySelector<HTMLElement>(`[data-key="${key}"]`);
    if (!element) return;
    if (document.activeElement !== element) element.focus();
    wantFocus.current = null;
  });

  const context = useMemo<OutlineTreeContextValue>(
    () => ({
      focusedKey: effectiveFocus,
      onRowFocus: setFocusedKey,
      openMenu: (key, x, y) => {
        setFocusedKey(key);
        setMenu({ key, x, y });
      },
      endRename: (key, keyboard) => {
        if (keyboard) focusRow(key);
      },
      draggingChapter,
    }),
    [effectiveFocus, focusRow, draggingChapter],
  );

  const onKeyDown = useOutlineKeyboard({
    outline,
    collapsed,
    focusedKey: effectiveFocus,
    focusRow,
    setCollapsed,
    openMenuAt: (key) => {
      const rect = rowElement(key)?.getBoundingClientRect();
      if (rect) setMenu({ key, x: rect.left + 24, y: rect.top + 26 });
    },
  });

  if (!outline) return null;

  const closeMenu = () => {
    const key = menu?.key;
    setMenu(null);
    // Focus goes straight back (no wantFocus), so a Rename picked from the menu keeps its input focused.
    if (key) rowElement(key)?.focus();
  };

  return (
    <OutlineTreeContext.Provider value={context}>
      <DndContext
        sensors={dnd.sensors}
        collisionDetection={dnd.collisionDetection}
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={dnd.onDragStart}
        onDragOver={dnd.onDragOver}
        onDragEnd={dnd.onDragEnd}
        onDragCancel={dnd.onDragCancel}
      >
        <SortableContext items={outline.chapters.map((c) => chapterKey(c.id))} strategy={verticalListSortingStrategy}>
          <ul ref={treeRef} role="tree" aria-label="Chapters and scenes" className="outline-tree" data-testid="outline-tree" onKeyDown={onKeyDown}>
            {rendered.beforePx > 0 && <li role="none" aria-hidden="true" className="outline-spacer" style={{ height: rendered.beforePx }} />}
            {rendered.chapters.map(({ chapterIndex, from, to }) => {
              const chapter = outline.chapters[chapterIndex];
              if (!chapter) return null;
              return (
                <OutlineChapterItem
                  key={chapter.id}
                  chapter={chapter}
                  position={chapterIndex + 1}
                  chapterCount={outline.chapters.length}
                  scenes={chapterScenes[chapterIndex] ?? chapter.scenes}
                  from={from}
                  to={to}
                />
              );
            })}
            {rendered.afterPx > 0 && <li role="none" aria-hidden="true" className="outline-spacer" style={{ height: rendered.afterPx }} />}
          </ul>
        </SortableContext>
        <DragOverlay dropAnimation={null}>{dnd.drag ? <DragPreview kind={dnd.drag.kind} id={dnd.drag.id} /> : null}</DragOverlay>
      </DndContext>
      {menu && <Menu label="Outline actions" anchor={{ x: menu.x, y: menu.y }} items={outlineMenuItems(useOutline, outline, menu.key, setMoveSceneId)} onClose={closeMenu} />}
      <MoveSceneDialog sceneId={moveSceneId} onClose={() => setMoveSceneId(null)} />
    </OutlineTreeContext.Provider>
  );
}

function DragPreview({ kind, id }: { kind: 'chapter' | 'scene'; id: string }) {
  const { useOutline } = useStores();
  const outline = useOutline((s) => s.outline);
  if (!outline) return null;
  const title = kind === 'chapter' ? outline.chapters.find((c) => c.id === id)?.title : findScene(outline, id)?.scene.title;
  return (
    <div className={`outline-drag-preview outline-drag-preview--${kind}`}>
      {kind === 'chapter' ? <Folder size={14} aria-hidden="true" /> : <FileText size={14} aria-hidden="true" />}
      <span>{title}</span>
    </div>
  );
}
