import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type JSX, type RefObject } from 'react';
import type { MemoryEntry } from '../../../../shared/models/memory';
import { MemoryRow } from './MemoryRow';

/** Above this many rows the list renders only what is on screen. */
export const VIRTUAL_THRESHOLD = 60;

export interface MemoryListProps {
  entries: readonly MemoryEntry[];
  knownMarkers: readonly string[];
  /** The element that scrolls (the panel body). */
  scrollRef: RefObject<HTMLElement | null>;
  showKind?: boolean;
  onMarker?: (marker: string) => void;
  focusId?: string | null;
  label: string;
}

/** Memories as a list; long lists are virtualised with measured (variable) row heights. */
export function MemoryList(props: MemoryListProps): JSX.Element {
  return props.entries.length > VIRTUAL_THRESHOLD ? <VirtualMemoryList {...props} /> : <PlainMemoryList {...props} />;
}

function PlainMemoryList({ entries, knownMarkers, showKind, onMarker, focusId, label }: MemoryListProps): JSX.Element {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusId) return;
    listRef.current?.querySelector(`[data-memory-id="${focusId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusId]);
  return (
    <ul className="memory-list" aria-label={label} ref={listRef} data-testid="memory-list">
      {entries.map((entry) => (
        <li key={entry.id}>
          <MemoryRow entry={entry} knownMarkers={knownMarkers} showKind={showKind} onMarker={onMarker} focused={entry.id === focusId} />
        </li>
      ))}
    </ul>
  );
}

function VirtualMemoryList({ entries, knownMarkers, scrollRef, showKind, onMarker, focusId, label }: MemoryListProps): JSX.Element {
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 112,
    getItemKey: (index) => entries[index]?.id ?? index,
    overscan: 6,
    // Rows on the first paint, before the panel is measured.
    initialRect: { width: 340, height: 800 },
  });
  useEffect(() => {
    const index = focusId ? entries.findIndex((e) => e.id === focusId) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [focusId, entries, virtualizer]);
  return (
    <ul className="memory-list memory-list--virtual" aria-label={label} style={{ height: virtualizer.getTotalSize() }} data-testid="memory-list">
      {virtualizer.getVirtualItems().map((item) => {
        const entry = entries[item.index];
        if (!entry) return null;
        return (
          <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${item.start}px)` }} aria-setsize={entries.length} aria-posinset={item.index + 1}>
            <MemoryRow entry={entry} knownMarkers={knownMarkers} showKind={showKind} onMarker={onMarker} focused={entry.id === focusId} />
          </li>
        );
      })}
    </ul>
  );
}
