import { BookOpen, Brain, FileText } from 'lucide-react';
import type { JSX, KeyboardEvent, RefObject } from 'react';
import type { Passage } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { showPanel } from '../project/layout.store';
import { useNavigation } from '../project/navigation.store';
import { passageFindText } from './passage-find';

const ICONS = {
  scene: <FileText size={12} aria-hidden="true" />,
  codex: <BookOpen size={12} aria-hidden="true" />,
  memory: <Brain size={12} aria-hidden="true" />,
} as const;

const MATCH_LABELS = { text: 'Words', meaning: 'Meaning' } as const;
const MATCH_HINTS = { text: 'Found by its words', meaning: 'Found by its meaning' } as const;

export interface PassageResultsProps {
  projectId: string;
  passages: readonly Passage[];
  listRef: RefObject<HTMLUListElement | null>;
  onListKey: (event: KeyboardEvent<HTMLUListElement>) => void;
  busy: boolean;
}

/**
 * Passages found by meaning (or by both): where each lives, its text and which retriever found
 * it. A scene opens in the editor at the passage, a codex entry in the codex, a memory in the
 * memory view.
 */
export function PassageResults({ projectId, passages, listRef, onListKey, busy }: PassageResultsProps): JSX.Element {
  const { useCodexStore, useMemory } = useStores();
  const open = (passage: Passage) => {
    const { type, id } = passage.source;
    if (type === 'scene') useNavigation.getState().openScene(id, passageFindText(passage.text) || undefined);
    else if (type === 'codex') {
      useCodexStore.getState().setFocus(id);
      showPanel('codex');
    } else {
      void useMemory.getState().reveal(projectId, id);
      showPanel('memory');
    }
  };
  return (
    <ul className="ui-panel__list search-results" ref={listRef} onKeyDown={onListKey} aria-busy={busy}>
      {passages.map((passage) => (
        <li key={passage.chunkId}>
          <button type="button" className="ui-panel__item search-result" onClick={() => open(passage)} data-testid="passage-result" data-source-type={passage.source.type}>
            <span className="search-result__where">
              {ICONS[passage.source.type]}
              <span className="search-result__chapter search-result__chapter--passage" data-testid="passage-source">
                {passage.source.label}
              </span>
              <span className="search-result__matched">
                {passage.matchedBy.map((by) => (
                  <span key={by} className={`ui-badge search-result__by search-result__by--${by}`} title={MATCH_HINTS[by]} data-testid={`passage-by-${by}`}>
                    {MATCH_LABELS[by]}
                  </span>
                ))}
              </span>
            </span>
            <span className="search-result__snippet search-result__passage">{passage.text}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
