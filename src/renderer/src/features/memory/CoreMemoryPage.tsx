import { Brain } from 'lucide-react';
import type { JSX, RefObject } from 'react';
import { useStores } from '../../app/services';
import { EmptyState, Spinner } from '../../ui';
import { AddMemory } from './AddMemory';
import { MemoryList } from './MemoryList';

/** "What the AI knows": the project's core memory as a list the writer reads, edits, pins, deletes and adds to. */
export function CoreMemoryPage({ projectId, scrollRef }: { projectId: string; scrollRef: RefObject<HTMLElement | null> }): JSX.Element {
  const { useMemory } = useStores();
  const core = useMemory((s) => s.core);
  const status = useMemory((s) => s.status);
  const error = useMemory((s) => s.error);
  const knownMarkers = useMemory((s) => s.knownMarkers);
  const focusId = useMemory((s) => s.focusId);

  return (
    <div className="memory-page" data-testid="memory-core">
      <p className="memory-page__intro">Core memory is what the AI keeps in mind in every answer about this book: standing facts about the story and your preferences as a writer.</p>
      <div className="memory-page__actions">
        <AddMemory projectId={projectId} kind="core" label="Add a fact or preference" />
      </div>
      {status === 'error' && core.length === 0 ? (
        <p className="memory-page__error" role="alert">
          {error}
        </p>
      ) : status !== 'ready' && core.length === 0 ? (
        <div className="ui-panel__center">
          <Spinner size={16} label="Reading what the AI knows…" />
        </div>
      ) : core.length === 0 ? (
        <EmptyState size="sm" icon={<Brain size={22} />} title="Nothing yet" data-testid="memory-core-empty">
          Add what the AI should never forget: “Mara’s eyes are grey”, “The story is told in the past tense”, “Keep British spelling”.
        </EmptyState>
      ) : (
        <MemoryList entries={core} knownMarkers={knownMarkers} scrollRef={scrollRef} showKind={false} focusId={focusId} label="What the AI knows" />
      )}
    </div>
  );
}
