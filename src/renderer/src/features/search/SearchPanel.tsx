import { ChevronRight, Search, SearchX } from 'lucide-react';
import { useEffect, useRef, type JSX, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../../shared/models/search';
import { useStores } from '../../app/services';
import { EmptyState, formatCount, PanelSearch, Spinner } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { snippetParts } from './snippet';
import '../../ui/panel.css';
import './SearchPanel.css';

/** Typing pauses this long before a search runs; Enter searches at once. */
const SEARCH_DELAY_MS = 250;

/** Full-text search over the manuscript; a result opens its scene with the hit selected. */
export function SearchPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useSearch } = useStores();
  const state = useSearch();
  const mine = state.projectId === projectId;
  const query = mine ? state.query : '';
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusRequest = useSearch((s) => s.focusRequest);

  // On opening, and whenever Mod+Shift+F asks again: the box takes the focus, its text selected.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  useEffect(() => {
    if (!query.trim()) return undefined;
    const timer = setTimeout(() => void useSearch.getState().run(projectId), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, projectId, useSearch]);

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void useSearch.getState().run(projectId);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      useSearch.getState().setQuery(projectId, '');
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.findIndex((button) => button === document.activeElement);
    event.preventDefault();
    if (event.key === 'ArrowUp' && index <= 0) inputRef.current?.focus();
    else buttons[Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1))]?.focus();
  };

  const open = (hit: SearchHit) => useNavigation.getState().openScene(hit.sceneId, state.searched || query.trim());

  const hits = mine ? state.hits : [];
  const searching = mine && state.status === 'searching';

  return (
    <div className="ui-panel" data-testid="search-panel">
      <div className="ui-panel__bar search-panel__bar">
        <PanelSearch
          ref={inputRef}
          label="Search the manuscript"
          value={query}
          maxLength={500}
          onChange={(event) => useSearch.getState().setQuery(projectId, event.target.value)}
          onKeyDown={onInputKey}
          data-testid="search-input"
          trailing={searching && <Spinner size={14} />}
        />
        {mine && state.status === 'done' && hits.length > 0 && (
          <div className="search-panel__count" aria-live="polite">
            {formatCount(hits.length, 'result')}
            {hits.length >= 100 ? ' (showing the first 100)' : ''}
          </div>
        )}
      </div>
      <div className="ui-panel__body">
        {!query.trim() ? (
          <EmptyState size="sm" icon={<Search size={22} />} title="Search the manuscript">
            Find a word or phrase in every scene. A result opens its scene with the words selected.
          </EmptyState>
        ) : mine && state.status === 'error' ? (
          <p className="search-panel__message search-panel__message--error" role="alert">
            {state.error}
          </p>
        ) : mine && state.status === 'done' && hits.length === 0 ? (
          <EmptyState size="sm" icon={<SearchX size={22} />} title="No matches" data-testid="search-empty">
            No scene contains “{state.searched}”. Check the spelling, or try fewer words.
          </EmptyState>
        ) : (
          <ul className="ui-panel__list search-results" ref={listRef} onKeyDown={onListKey} aria-busy={searching}>
            {hits.map((hit, index) => (
              <li key={`${hit.sceneId}-${index}`}>
                <button type="button" className="ui-panel__item search-result" onClick={() => open(hit)} data-testid="search-result">
                  <span className="search-result__where">
                    <span className="search-result__chapter">{hit.chapterTitle}</span>
                    <ChevronRight size={12} aria-hidden="true" />
                    <span className="search-result__scene">{hit.sceneTitle}</span>
                  </span>
                  <span className="search-result__snippet">
                    {snippetParts(hit.snippet).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
