import { ArrowUpCircle, Lock, Pencil, Pin } from 'lucide-react';
import type { PromptSummary } from '../../../../shared/models/prompts';
import { TASK_CLASS_INFO } from './task-classes';
import '../../ui/panel.css';

export interface PromptListProps {
  prompts: readonly PromptSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Every prompt: id, what it is for, its task class, the version in use, pinned and locked marks. */
export function PromptList({ prompts, selectedId, onSelect }: PromptListProps) {
  return (
    <ul className="ai-prompt-list" aria-label="Prompts">
      {prompts.map((p) => (
        <li key={p.id}>
          <button
            type="button"
            className={`ui-panel__item ai-prompt-item${p.id === selectedId ? ' is-selected' : ''}`}
            aria-current={p.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(p.id)}
            data-testid="prompt-item"
            data-prompt-id={p.id}
          >
            <span className="ai-prompt-item__top">
              <code className="ai-prompt-item__id">{p.id}</code>
              <span className="ai-prompt-item__version" title={p.activeVersion === p.latestVersion ? 'The latest version is in use' : `Version ${p.activeVersion} of ${p.latestVersion} is in use`}>
                v{p.activeVersion}
              </span>
            </span>
            <span className="ai-prompt-item__desc">{p.description}</span>
            <span className="ai-prompt-item__badges">
              <span className="ui-badge">{TASK_CLASS_INFO[p.taskClass].title}</span>
              {p.update && (
                <span className="ui-badge ai-badge--ok" data-testid="prompt-update-badge" title={`Shipped version ${p.update.version} is available`}>
                  <ArrowUpCircle size={11} aria-hidden="true" /> Update
                </span>
              )}
              {p.customized && !p.pinned && (
                <span className="ui-badge" title="Your edit is in use">
                  <Pencil size={11} aria-hidden="true" /> Edited
                </span>
              )}
              {p.pinned && (
                <span className="ui-badge ai-badge--accent">
                  <Pin size={11} aria-hidden="true" /> Pinned
                </span>
              )}
              {p.locked && (
                <span className="ui-badge ai-badge--warn">
                  <Lock size={11} aria-hidden="true" /> Locked
                </span>
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
