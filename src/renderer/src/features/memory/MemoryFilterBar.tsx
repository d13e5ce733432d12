import type { JSX } from 'react';
import type { MemoryKind, MemorySourceType } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { formatCount } from '../../ui';
import { MarkerInput } from './MarkerInput';
import { isFiltered, KIND_HINTS, KIND_LABELS, SOURCE_LABELS, toggle } from './memory-filters';
import { MEMORY_PAGE, NO_FILTERS, type MemoryFilters } from './memory.store';

const KINDS: MemoryKind[] = ['core', 'episodic', 'associative'];
const SOURCES: MemorySourceType[] = ['writer', 'scene', 'codex', 'chat', 'run'];

/** Narrows the memory view: kind, source, agent, markers (all must match), and whether archived ones show. */
export function MemoryFilterBar({ projectId }: { projectId: string }): JSX.Element {
  const { useMemory } = useStores();
  const filters = useMemory((s) => s.filters);
  const knownMarkers = useMemory((s) => s.knownMarkers);
  const knownAgents = useMemory((s) => s.knownAgents);
  const count = useMemory((s) => s.entries.length);
  const ready = useMemory((s) => s.status === 'ready');
  const set = (patch: Partial<MemoryFilters>) => void useMemory.getState().setFilters(projectId, patch);

  return (
    <div className="memory-filters" role="search" aria-label="Filter memories" data-testid="memory-filters">
      <div className="memory-filters__row" role="group" aria-label="Kind">
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`memory-filter-chip${filters.kinds.includes(kind) ? ' is-active' : ''}`}
            aria-pressed={filters.kinds.includes(kind)}
            title={KIND_HINTS[kind]}
            onClick={() => set({ kinds: toggle(filters.kinds, kind) })}
            data-testid={`memory-filter-kind-${kind}`}
          >
            {KIND_LABELS[kind]}
          </button>
        ))}
      </div>
      <div className="memory-filters__row" role="group" aria-label="Source">
        {SOURCES.map((source) => (
          <button
            key={source}
            type="button"
            className={`memory-filter-chip${filters.sourceTypes.includes(source) ? ' is-active' : ''}`}
            aria-pressed={filters.sourceTypes.includes(source)}
            onClick={() => set({ sourceTypes: toggle(filters.sourceTypes, source) })}
            data-testid={`memory-filter-source-${source}`}
          >
            {SOURCE_LABELS[source]}
          </button>
        ))}
      </div>
      <MarkerInput label="Filter by marker: character:Mara" value={filters.markers} onChange={(markers) => set({ markers })} known={knownMarkers} data-testid="memory-filter-markers" />
      <div className="memory-filters__row memory-filters__row--end">
        <label className="memory-filters__agent">
          <span className="ui-visually-hidden">Agent</span>
          <select className="ui-input ui-select" value={filters.agent ?? ''} onChange={(event) => set({ agent: event.target.value || null })} data-testid="memory-filter-agent">
            <option value="">Any agent</option>
            {knownAgents.map((agent) => (
              <option key={agent} value={agent}>
                Readable by {agent}
              </option>
            ))}
          </select>
        </label>
        <label className="memory-filters__archived">
          <input type="checkbox" checked={filters.includeArchived} onChange={(event) => set({ includeArchived: event.target.checked })} data-testid="memory-filter-archived" />
          Show archived
        </label>
      </div>
      <div className="memory-filters__summary" aria-live="polite">
        {ready && (
          <span data-testid="memory-count">
            {count >= MEMORY_PAGE ? `The first ${formatCount(count, 'memory', 'memories')}; filter to narrow them` : formatCount(count, 'memory', 'memories')}
          </span>
        )}
        {isFiltered(filters) && (
          <button type="button" className="ui-link-button" onClick={() => set({ ...NO_FILTERS, includeArchived: filters.includeArchived })} data-testid="memory-filter-clear">
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
