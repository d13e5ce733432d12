import { useEffect, useState, type JSX } from 'react';
import type { PolicyFile } from '../../../../shared/models/policy';
import { useApi } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, EmptyState, notify, Spinner, TextArea } from '../../ui';

/**
 * The crew's content policy: rules applied to what an agent writes before it becomes a proposal.
 * The writer edits a copy as YAML; the core checks it before writing it, and says when a copy
 * on disk is not in force (the shipped policy applies meanwhile).
 */
export function PolicyTab(): JSX.Element {
  const api = useApi();
  const [file, setFile] = useState<PolicyFile | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [yaml, setYaml] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);

  const show = (next: PolicyFile) => {
    setFile(next);
    setYaml(next.yaml);
    setSaveError(null);
  };
  const load = () => {
    setLoadError(null);
    api.call('policy.get', {}).then(show, (error: unknown) => setLoadError(errorMessage(error)));
  };
  useEffect(load, [api]);

  const run = async (kind: 'save' | 'reset') => {
    setBusy(kind);
    setSaveError(null);
    try {
      const next = kind === 'save' ? await api.call('policy.save', { yaml }) : await api.call('policy.reset', {});
      show(next);
      notify.success(kind === 'save' ? 'Policy saved.' : 'The shipped policy applies again.');
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  if (loadError) {
    return (
      <EmptyState size="sm" title="The policy could not be read" action={<Button onClick={load}>Try again</Button>}>
        {loadError}
      </EmptyState>
    );
  }
  if (!file) return <Spinner label="Reading the policy…" />;
  const changed = yaml !== file.yaml;
  return (
    <form
      className="policy-tab"
      aria-label="Content policy"
      data-testid="policy-tab"
      onSubmit={(event) => {
        event.preventDefault();
        void run('save');
      }}
    >
      <p data-testid="policy-source">
        {file.source === 'user' ? 'Your copy of the policy is in force' : 'The shipped policy is in force'} — {file.rules.length} {file.rules.length === 1 ? 'rule' : 'rules'}. Rules check what an agent proposes before you see it: blocked words or patterns, length, required codex fields. A blocking rule keeps a proposal from being approved until it is edited.
      </p>
      {file.problem && (
        <p className="ui-field__error" role="alert" data-testid="policy-problem">
          Your copy is not in force: {file.problem}
        </p>
      )}
      <TextArea label="Policy (YAML)" rows={16} spellCheck={false} value={yaml} error={saveError} onChange={(e) => setYaml(e.target.value)} data-testid="policy-yaml" />
      <div className="policy-tab__actions">
        <Button type="submit" variant="primary" busy={busy === 'save'} disabled={busy !== null || !changed}>
          Save policy
        </Button>
        <Button busy={busy === 'reset'} disabled={busy !== null || (file.source === 'shipped' && file.problem === null)} onClick={() => void run('reset')}>
          Use the shipped policy
        </Button>
      </div>
    </form>
  );
}
