import { useState } from 'react';
import type { MemoryEntry } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { notify } from '../../ui';
import type { MemoryDraft } from './MemoryEditor';
import { parseScope, scopeText } from './memory-filters';

/** Why the editor shows a message under the text. */
export type EditProblem =
  | { kind: 'conflict'; message: string }
  | { kind: 'reloaded'; latest: MemoryEntry }
  | { kind: 'gone' }
  | { kind: 'error'; message: string };

export const draftOf = (entry: MemoryEntry): MemoryDraft => ({ kind: entry.kind, content: entry.content, markers: [...entry.markers], scope: scopeText(entry.agentScope) });

const sameDraft = (a: MemoryDraft, b: MemoryDraft) => a.content === b.content && a.scope.trim() === b.scope.trim() && a.markers.join('\n') === b.markers.join('\n');

/**
 * Editing one memory: the draft, the version it was made on, and what happens on save — a
 * newer version in the core is a conflict that keeps the draft and offers to reload (the base
 * version moves on, the text stays), a memory deleted meanwhile can be saved as a new one.
 */
export function useMemoryEdit(entry: MemoryEntry, onDone: () => void) {
  const { useMemory } = useStores();
  const [base, setBase] = useState(entry);
  const [draft, setDraft] = useState(() => draftOf(entry));
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setProblem({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      if (problem?.kind === 'gone') {
        await useMemory.getState().create({ projectId: base.projectId, kind: base.kind, content: draft.content, markers: draft.markers, agentScope: parseScope(draft.scope) });
        notify.success('Saved as a new memory.');
        onDone();
        return;
      }
      const result = await useMemory.getState().update(base.id, base.version, { content: draft.content, markers: draft.markers, agentScope: parseScope(draft.scope) });
      if (result.kind === 'conflict') setProblem({ kind: 'conflict', message: result.message });
      else onDone();
    });

  const reload = () =>
    run(async () => {
      const latest = await useMemory.getState().fetchLatest(base.id);
      if (!latest) {
        setProblem({ kind: 'gone' });
        return;
      }
      setBase(latest);
      setProblem({ kind: 'reloaded', latest });
    });

  return { base, draft, setDraft, problem, busy, dirty: !sameDraft(draft, draftOf(base)), save, reload };
}
