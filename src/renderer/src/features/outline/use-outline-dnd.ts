import {
  closestCenter,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outline } from '../../../../shared/models/manuscript';
import { useStores } from '../../app/services';
import { findScene, parseKey } from './outline-model';

/** A drag in progress. For scenes, `order` is the live scene order per chapter while hovering. */
export type DragState = { kind: 'chapter'; id: string } | { kind: 'scene'; id: string; order: Record<string, string[]> };

type DroppableType = 'chapter' | 'chapter-drop' | 'scene';

function typeOf(data: { current?: Record<string, unknown> | undefined } | undefined): DroppableType | undefined {
  const type = data?.current?.['type'];
  return type === 'chapter' || type === 'chapter-drop' || type === 'scene' ? type : undefined;
}

/**
 * Chapters sort among chapter rows only. A scene goes to the nearest scene inside the chapter
 * under the pointer, or to the end of that chapter when it has no (visible) scenes.
 */
const baseCollision: CollisionDetection = (args) => {
  const only = (type: DroppableType) => args.droppableContainers.filter((c) => typeOf(c.data) === type);
  if (typeOf(args.active.data) === 'chapter') return closestCenter({ ...args, droppableContainers: only('chapter') });
  const zone = pointerWithin({ ...args, droppableContainers: only('chapter-drop') })[0];
  if (zone) {
    const chapterId = String(zone.id).slice('chapter-drop:'.length);
    const scenes = only('scene').filter((c) => c.data.current?.['chapterId'] === chapterId);
    return scenes.length === 0 ? [zone] : closestCenter({ ...args, droppableContainers: scenes });
  }
  return closestCenter({ ...args, droppableContainers: only('scene') });
};

function containerOf(order: Record<string, string[]>, sceneId: string): string | undefined {
  return Object.keys(order).find((chapterId) => order[chapterId]?.includes(sceneId));
}

/** Drag-and-drop of chapters and scenes (scenes also into other chapters), applied through the store. */
export function useOutlineDnd(outline: Outline | null) {
  const { useOutline } = useStores();
  const [drag, setDrag] = useState<DragState | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  /**
   * Right after a scene jumps to another chapter the rows have not been re-measured yet, and the
   * old neighbour would still read as "over" (dropping the scene one place off). Until the next
   * frame, the scene itself is what it is over.
   */
  const justMoved = useRef(false);
  const order = drag?.kind === 'scene' ? drag.order : null;
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      justMoved.current = false;
    });
    return () => cancelAnimationFrame(frame);
  }, [order]);
  const collisionDetection = useCallback<CollisionDetection>(
    (args) => (justMoved.current ? [{ id: args.active.id }] : baseCollision(args)),
    [],
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    const key = parseKey(String(active.id));
    if (!key || !outline) return;
    if (key.kind === 'chapter') setDrag({ kind: 'chapter', id: key.id });
    else setDrag({ kind: 'scene', id: key.id, order: Object.fromEntries(outline.chapters.map((c) => [c.id, c.scenes.map((s) => s.id)])) });
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!drag || drag.kind !== 'scene' || !over) return;
    const from = containerOf(drag.order, drag.id);
    const overType = typeOf(over.data);
    const overScene = overType === 'scene' ? parseKey(String(over.id))?.id : undefined;
    const to = overScene ? containerOf(drag.order, overScene) : overType === 'chapter-drop' ? String(over.data.current?.['chapterId']) : undefined;
    if (!from || !to || from === to) return;
    const target = drag.order[to] ?? [];
    let index = target.length;
    if (overScene) {
      const translated = active.rect.current.translated;
      const below = translated !== null && translated.top > over.rect.top + over.rect.height / 2;
      index = target.indexOf(overScene) + (below ? 1 : 0);
    }
    const moved = [...target.slice(0, index), drag.id, ...target.slice(index)];
    justMoved.current = true;
    setDrag({ ...drag, order: { ...drag.order, [from]: (drag.order[from] ?? []).filter((id) => id !== drag.id), [to]: moved } });
    // A folded chapter opens when a scene is dragged onto it, so the drop position is visible.
    useOutline.getState().setCollapsed(to, false);
  };

  const onDragEnd = ({ over }: DragEndEvent) => {
    const current = drag;
    setDrag(null);
    if (!current || !outline) return;
    const store = useOutline.getState();
    if (current.kind === 'chapter') {
      const overKey = over ? parseKey(String(over.id)) : null;
      if (!overKey || overKey.kind !== 'chapter' || overKey.id === current.id) return;
      const to = outline.chapters.findIndex((c) => c.id === overKey.id);
      if (to >= 0) void store.moveChapter(current.id, to);
      return;
    }
    const origin = findScene(outline, current.id);
    const chapterId = containerOf(current.order, current.id);
    if (!origin || !chapterId) return;
    let items = current.order[chapterId] ?? [];
    const overScene = over && typeOf(over.data) === 'scene' ? parseKey(String(over.id))?.id : undefined;
    if (overScene && overScene !== current.id && items.includes(overScene)) {
      items = arrayMove(items, items.indexOf(current.id), items.indexOf(overScene));
    }
    const position = items.indexOf(current.id);
    if (chapterId !== origin.chapter.id || position !== origin.index) void store.moveScene(current.id, chapterId, position);
  };

  return { drag, sensors, collisionDetection, onDragStart, onDragOver, onDragEnd, onDragCancel: () => setDrag(null) };
}
