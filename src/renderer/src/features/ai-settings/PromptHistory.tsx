import { GitCompare, Pin, PinOff, Undo2 } from 'lucide-react';
import { useState } from 'react';
import type { PromptSummary } from '../../../../shared/models/prompts';
import { useApi, useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, ConfirmDialog, formatDateTime, formatRelativeTime, Select } from '../../ui';
import type { DiffLine } from './diff-view';
import { PromptDiff } from './PromptDiff';
import { auditTitle, defaultDiffPair, shortHash, sourceLabel } from './prompt-view';

/** Versions (pin, revert), a diff between any two, and the audit trail of a prompt. */
export function PromptHistory({ summary }: { summary: PromptSummary }) {
  const { usePrompts } = useStores();
  const versions = usePrompts((s) => s.versions);
  const audit = usePrompts((s) => s.audit);
  const [reverting, setReverting] = useState<number | null>(null);

  return (
    <div className="ai-prompt-history">
      <h4 className="ai-subtitle">Versions</h4>
      <ul className="ai-versions">
        {versions.map((v) => {
          const active = v.version === summary.activeVersion;
          const pinnedHere = summary.pinned && active;
          return (
            <li key={v.version} className={`ai-version${active ? ' is-active' : ''}`} data-testid="prompt-version" data-version={v.version}>
              <span className="ai-version__no">v{v.version}</span>
              <span className="ai-version__meta">
                {sourceLabel(v.source)} · <span title={formatDateTime(v.createdAt)}>{formatRelativeTime(v.createdAt)}</span> · <code title={v.hash}>{shortHash(v.hash)}</code>
              </span>
              {active && <span className="ui-badge ai-badge--accent">{pinnedHere ? 'Pinned' : 'In use'}</span>}
              <span className="ai-version__actions">
                {pinnedHere ? (
                  <Button size="sm" variant="ghost" icon={<PinOff size={13} />} onClick={() => void usePrompts.getState().pin(null)} data-testid="prompt-unpin">
                    Unpin
                  </Button>
                ) : (
                  <Button size="sm" variant="ghost" icon={<Pin size={13} />} onClick={() => void usePrompts.getState().pin(v.version)} data-testid="prompt-pin">
                    Pin this version
                  </Button>
                )}
                {v.version !== summary.latestVersion && (
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<Undo2 size={13} />}
                    disabled={summary.locked}
                    title={summary.locked ? 'Locked prompts cannot be reverted.' : 'Makes this version the newest again, as a new version'}
                    onClick={() => setReverting(v.version)}
                    data-testid="prompt-revert"
                  >
                    Revert to this
                  </Button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {versions.length > 1 && <DiffPicker key={`${summary.id}-${summary.latestVersion}`} />}
      <h4 className="ai-subtitle">Audit trail</h4>
      <ul className="ai-audit" data-testid="prompt-audit">
        {audit.map((entry, i) => (
          <li key={i}>
            <span className="ai-audit__title">{auditTitle(entry)}</span>
            <span className="ai-audit__when" title={formatDateTime(entry.at)}>
              {formatRelativeTime(entry.at)}
            </span>
            {entry.summary && <span className="ai-audit__summary">{entry.summary}</span>}
            <code className="ai-audit__hashes">
              {shortHash(entry.oldHash)} → {shortHash(entry.newHash)}
            </code>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={reverting !== null}
        title={`Revert to version ${reverting ?? ''}?`}
        message={<p>Its templates become a new version, which is then in use. Nothing is deleted: every version stays in the history.</p>}
        confirmLabel="Revert"
        onConfirm={() => {
          if (reverting !== null) void usePrompts.getState().revert(reverting);
          setReverting(null);
        }}
        onCancel={() => setReverting(null)}
      />
    </div>
  );
}

function DiffPicker() {
  const api = useApi();
  const { usePrompts } = useStores();
  const id = usePrompts((s) => s.selectedId);
  const versions = usePrompts((s) => s.versions);
  const initial = defaultDiffPair(versions);
  const [from, setFrom] = useState(String(initial?.from ?? ''));
  const [to, setTo] = useState(String(initial?.to ?? ''));
  const [diff, setDiff] = useState<{ lines: DiffLine[]; from: number; to: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }));

  const compare = async () => {
    if (!id) return;
    setBusy(true);
    try {
      const lines = await api.call('prompts.diff', { id, from: Number(from), to: Number(to) });
      setDiff({ lines, from: Number(from), to: Number(to) });
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ai-diff-picker">
      <h4 className="ai-subtitle">Compare versions</h4>
      <div className="ai-inline-form">
        <Select label="From" value={from} options={options} onChange={setFrom} data-testid="prompt-diff-from" />
        <Select label="To" value={to} options={options} onChange={setTo} data-testid="prompt-diff-to" />
        <Button icon={<GitCompare size={15} />} busy={busy} onClick={() => void compare()} data-testid="prompt-diff-run">
          Compare
        </Button>
      </div>
      {error && (
        <p className="ai-note ai-note--danger" role="alert">
          {error}
        </p>
      )}
      {diff && <PromptDiff lines={diff.lines} from={diff.from} to={diff.to} />}
    </div>
  );
}
