import { ChevronRight, Search, SearchX, Sparkles } from 'lucide-react';
import { useEffect, useRef, type JSX, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../../shared/models/search';
import { useStores } from '../../app/services';
import { EmptyState, formatCount, PanelSearch, Spinner } from '../../ui';
import { IndexStatusArea } from '../memory';
import { useNavigation } from '../project/navigation.store';
import { MeaningNotice, meaningToShow } from './MeaningNotice';
import { PassageResults } from './PassageResults';
import type { SearchKind } from './search.store';
import { snippetParts } from './snippet';
import '../../ui/panel.css';
import './SearchPanel.css';

/** Typing pauses this long before a search runs; Enter searches at once. */
const SEARCH_DELAY_MS = 250;

const KINDS: readonly { id: SearchKind; label: string; hint: string }[] = [
  { id: 'words', label: 'Words', hint: 'Scenes that contain these words' },
  { id: 'meaning', label: 'Meaning', hint: 'Passages about this, whatever their words' },
  { id: 'both', label: 'Both', hint: 'Words and meaning together, best first' },
];

const EMPTY_TEXT: Record<SearchKind, string> = {
  words: 'Find a word or phrase in every scene. A result opens its scene with the words selected.',
  meaning: 'Describe what you are looking for — “the night she left the harbour” — and find the passages about it, even with none of your words.',
  both: 'Find passages by their words and by their meaning at once, best matches first.',
};

/** Search over the manuscript by words (full text), by meaning, or both; a result opens where it lives. */
export function SearchPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useSearch, useIndexStatus } = useStores();
  const state = useSearch();
  const mine = state.projectId === projectId;
  const query = mine ? state.query : '';
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusRequest = useSearch((s) => s.focusRequest);
  const kind = useSearch((s) => s.kind);
  const indexMeaning = useIndexStatus((s) => (s.projectId === projectId ? (s.status?.meaning ?? null) : null));

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

  // Arrow keys move between Words / Meaning / Both (a radio group), and switch as they move.
  const onKindKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = KINDS.findIndex((k) => k.id === kind);
    const next = KINDS[(index + (event.key === 'ArrowRight' ? 1 : KINDS.length - 1)) % KINDS.length];
    if (!next) return;
    useSearch.getState().setKind(projectId, next.id);
    event.currentTarget.parentElement?.querySelector<HTMLButtonElement>(`[data-testid="search-kind-${next.id}"]`)?.focus();
  };

  const open = (hit: SearchHit) => useNavigation.getState().openScene(hit.sceneId, state.searched || query.trim());

  const hits = mine ? state.hits : [];
  const searching = mine && state.status === 'searching';
  const byMeaning = mine && state.status === 'done' && state.searchedKind !== 'words';
  const resultCount = byMeaning ? state.passages.length : hits.length;
  const meaning = byMeaning && state.meaning ? meaningToShow(state.meaning, indexMeaning) : null;

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
        <div className="search-panel__head">
          <div className="ui-segmented ui-segmented--sm search-panel__kinds" role="radiogroup" aria-label="Search by">
            {KINDS.map((k) => (
              <button
                key={k.id}
                type="button"
                role="radio"
                aria-checked={kind === k.id}
                tabIndex={kind === k.id ? 0 : -1}
                className={kind === k.id ? 'is-active' : ''}
                title={k.hint}
                onClick={() => useSearch.getState().setKind(projectId, k.id)}
                onKeyDown={onKindKey}
                data-testid={`search-kind-${k.id}`}
              >
                {k.id === 'meaning' && <Sparkles size={12} aria-hidden="true" />}
                {k.label}
              </button>
            ))}
          </div>
          {mine && state.status === 'done' && resultCount > 0 && (
            <div className="search-panel__count" aria-live="polite" data-testid="search-count">
              {formatCount(resultCount, 'result')}
              {!byMeaning && hits.length >= 100 ? ' (first 100)' : ''}
            </div>
          )}
        </div>
      </div>
      {kind !== 'words' && <IndexStatusArea projectId={projectId} variant="compact" />}
      {meaning && <MeaningNotice meaning={meaning} notice={meaning === state.meaning ? state.notice : null} hasResults={resultCount > 0} />}
      <div className="ui-panel__body">
        {!query.trim() ? (
          <EmptyState size="sm" icon={kind === 'words' ? <Search size={22} /> : <Sparkles size={22} />} title={kind === 'words' ? 'Search the manuscript' : 'Search by meaning'}>
            {EMPTY_TEXT[kind]}
          </EmptyState>
        ) : mine && state.status === 'error' ? (
          <p className="search-panel__message search-panel__message--error" role="alert">
            {state.error}
          </p>
        ) : mine && state.status === 'done' && resultCount === 0 ? (
          <EmptyState size="sm" icon={<SearchX size={22} />} title="No matches" data-testid="search-empty">
            {byMeaning ? <>Nothing found about “{state.searched}”. Try describing it differently.</> : <>No scene contains “{state.searched}”. Check the spelling, or try fewer words.</>}
          </EmptyState>
        ) : byMeaning || (searching && state.searchedKind !== 'words' && state.passages.length > 0) ? (
          <PassageResults projectId={projectId} passages={state.passages} listRef={listRef} onListKey={onListKey} busy={searching} />
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
