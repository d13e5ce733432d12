import { History, Lock, Pencil, ScrollText } from 'lucide-react';
import { useEffect } from 'react';
import type { PromptSummary } from '../../../../shared/models/prompts';
import { useStores } from '../../app/services';
import { Button, EmptyState, Spinner } from '../../ui';
import { PromptEditForm } from './PromptEditForm';
import { PromptHistory } from './PromptHistory';
import { PromptList } from './PromptList';
import { PromptUpdateNotice } from './PromptUpdateNotice';
import type { PromptPane } from './prompts.store';
import { PromptView } from './PromptView';
import { TASK_CLASS_INFO } from './task-classes';
import './ai-prompts.css';

/** Prompts tab: the registry on the left, the selected prompt on the right. */
export function PromptsTab() {
  const { usePrompts } = useStores();
  const list = usePrompts((s) => s.list);
  const loaded = usePrompts((s) => s.loaded);
  const listError = usePrompts((s) => s.listError);
  const selectedId = usePrompts((s) => s.selectedId);

  useEffect(() => {
    void usePrompts.getState().load();
  }, [usePrompts]);

  if (!loaded) return <Spinner label="Reading the prompts…" />;
  if (listError) {
    return (
      <p className="ai-note ai-note--danger" role="alert">
        {listError}
      </p>
    );
  }
  if (list.length === 0) return <EmptyState icon={<ScrollText size={28} />} title="No prompts" size="sm" />;
  const selected = list.find((p) => p.id === selectedId) ?? null;
  return (
    <div className="ai-prompts" data-testid="ai-prompts">
      <PromptList prompts={list} selectedId={selectedId} onSelect={(id) => void usePrompts.getState().select(id)} />
      <div className="ai-prompt-detail">{selected ? <PromptDetail summary={selected} /> : null}</div>
    </div>
  );
}

const PANES: readonly { id: PromptPane; label: string }[] = [
  { id: 'view', label: 'Active version' },
  { id: 'history', label: 'History' },
];

function PromptDetail({ summary }: { summary: PromptSummary }) {
  const { usePrompts } = useStores();
  const pane = usePrompts((s) => s.pane);
  const active = usePrompts((s) => s.active);
  const detailError = usePrompts((s) => s.detailError);
  const setPane = usePrompts((s) => s.setPane);

  return (
    <>
      <div className="ai-prompt-detail__head">
        <div>
          <h3 className="ai-prompt-detail__title">
            <code>{summary.id}</code>
          </h3>
          <p className="ai-section__text">
            {summary.description} · {TASK_CLASS_INFO[summary.taskClass].title}
          </p>
        </div>
        <Button
          size="sm"
          icon={<Pencil size={13} />}
          disabled={summary.locked || !active || pane === 'edit'}
          title={summary.locked ? 'Locked prompts cannot be edited.' : undefined}
          onClick={() => setPane('edit')}
          data-testid="prompt-edit"
        >
          Edit
        </Button>
      </div>
      {summary.locked && (
        <p className="ai-callout ai-callout--warn" data-testid="prompt-locked">
          <Lock size={15} aria-hidden="true" />
          <span>This prompt is locked: other features rely on its exact wording and output, so it cannot be edited or reverted. You can still pin a version.</span>
        </p>
      )}
      {summary.update && pane !== 'edit' && <PromptUpdateNotice key={`${summary.id}-${summary.update.version}`} summary={summary} update={summary.update} />}
      {pane !== 'edit' && (
        <div className="ui-segmented ui-segmented--sm ai-segmented" role="group" aria-label="Show">
          {PANES.map((p) => (
            <button
              key={p.id}
              type="button"
              className={pane === p.id ? 'is-active' : ''}
              aria-pressed={pane === p.id}
              onClick={() => setPane(p.id)}
              data-testid={p.id === 'history' ? 'prompt-history' : 'prompt-active'}
            >
              {p.id === 'history' && <History size={13} aria-hidden="true" />}
              {p.label}
              {p.id === 'view' && active && ` (v${active.version})`}
            </button>
          ))}
        </div>
      )}
      {detailError && (
        <p className="ai-note ai-note--danger" role="alert">
          {detailError}
        </p>
      )}
      {!active ? (
        !detailError && <Spinner label="Loading…" />
      ) : pane === 'edit' ? (
        <PromptEditForm key={`${active.promptId}-${active.version}`} version={active} />
      ) : pane === 'history' ? (
        <PromptHistory summary={summary} />
      ) : (
        <PromptView version={active} />
      )}
    </>
  );
}
