import { Library, SearchX } from 'lucide-react';
import { useEffect, useRef, useState, type JSX } from 'react';
import { useStores } from '../../app/services';
import { EmptyState, Spinner } from '../../ui';
import { AddMemory } from './AddMemory';
import { CoreMemoryPage } from './CoreMemoryPage';
import { IndexStatusArea } from './IndexStatusArea';
import { MemoryFilterBar } from './MemoryFilterBar';
import { MemoryList } from './MemoryList';
import { isFiltered } from './memory-filters';
import { NO_FILTERS, useMemoryWatch } from './memory.store';
import '../../ui/panel.css';
import './memory.css';

type MemoryPage = 'core' | 'all';

/**
 * Everything the studio remembers about the project: "What the AI knows" (core memory) and the
 * whole memory, filterable; the index's status and progress on top.
 */
export function MemoryPanel({ projectId }: { projectId: string }): JSX.Element {
  useMemoryWatch(projectId);
  const { useMemory } = useStores();
  const focusId = useMemory((s) => s.focusId);
  const [page, setPage] = useState<MemoryPage>('core');
  const bodyRef = useRef<HTMLDivElement>(null);

  // A search result that opened a memory shows it in the full list, whatever its kind.
  useEffect(() => {
    if (focusId) setPage('all');
  }, [focusId]);

  return (
    <div className="ui-panel memory-panel" data-testid="memory-panel">
      <div className="ui-panel__bar memory-panel__bar">
        <div className="ui-segmented ui-segmented--sm" role="group" aria-label="Show">
          <button type="button" className={page === 'core' ? 'is-active' : ''} aria-pressed={page === 'core'} onClick={() => setPage('core')} data-testid="memory-page-core">
            What the AI knows
          </button>
          <button type="button" className={page === 'all' ? 'is-active' : ''} aria-pressed={page === 'all'} onClick={() => setPage('all')} data-testid="memory-page-all">
            All memories
          </button>
        </div>
      </div>
      <div className="ui-panel__body memory-panel__body" ref={bodyRef}>
        <IndexStatusArea projectId={projectId} variant="full" />
        {page === 'core' ? <CoreMemoryPage projectId={projectId} scrollRef={bodyRef} /> : <AllMemories projectId={projectId} scrollRef={bodyRef} />}
      </div>
    </div>
  );
}

function AllMemories({ projectId, scrollRef }: { projectId: string; scrollRef: React.RefObject<HTMLDivElement | null> }): JSX.Element {
  const { useMemory } = useStores();
  const state = useMemory();
  const filtered = isFiltered(state.filters);
  const onMarker = (marker: string) => {
    if (!state.filters.markers.includes(marker)) void useMemory.getState().setFilters(projectId, { markers: [...state.filters.markers, marker] });
  };

  let body: JSX.Element;
  if (state.status === 'error') {
    body = (
      <p className="memory-page__error" role="alert">
        {state.error}
      </p>
    );
  } else if (state.status !== 'ready' && state.entries.length === 0) {
    body = (
      <div className="ui-panel__center">
        <Spinner size={16} label="Reading memories…" />
      </div>
    );
  } else if (state.entries.length === 0) {
    body = filtered ? (
      <EmptyState size="sm" icon={<SearchX size={22} />} title="No memory matches" data-testid="memory-empty-filtered">
        Nothing matches every filter.{' '}
        <button type="button" className="ui-link-button" onClick={() => void useMemory.getState().setFilters(projectId, { ...NO_FILTERS, includeArchived: state.filters.includeArchived })}>
          Clear the filters
        </button>
      </EmptyState>
    ) : (
      <EmptyState size="sm" icon={<Library size={22} />} title="No memories yet" data-testid="memory-empty">
        The studio fills this as it summarises scenes, chats and agent runs. Add one yourself, or start with what the AI should always know.
      </EmptyState>
    );
  } else {
    body = <MemoryList entries={state.entries} knownMarkers={state.knownMarkers} scrollRef={scrollRef} onMarker={onMarker} focusId={state.focusId} label="Memories" />;
  }

  return (
    <div className="memory-page" data-testid="memory-all">
      <MemoryFilterBar projectId={projectId} />
      <div className="memory-page__actions">
        <AddMemory projectId={projectId} kind="core" chooseKind label="Add memory" />
      </div>
      {body}
    </div>
  );
}
