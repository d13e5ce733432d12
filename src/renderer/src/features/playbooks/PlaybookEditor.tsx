import { useMemo, useState, type JSX } from 'react';
import type { Playbook } from '../../../../shared/models/plans';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, notify, TextArea, TextField } from '../../ui';
import { planToYaml, readPlanYaml } from './plan-yaml';

/** Edits a writer's copy of a playbook: name, description and the plan as YAML, checked as it is typed and by the core on save. */
export function PlaybookEditor({ playbook, onClose }: { playbook: Playbook; onClose: () => void }): JSX.Element {
  const { usePlaybooks } = useStores();
  const [name, setName] = useState(playbook.name);
  const [description, setDescription] = useState(playbook.description);
  const [yaml, setYaml] = useState(() => planToYaml(playbook.plan));
  const [coreError, setCoreError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const read = useMemo(() => readPlanYaml(yaml), [yaml]);
  const nameError = name.trim() ? null : 'Give the playbook a name.';

  const save = async () => {
    if (!read.plan || nameError) return;
    setSaving(true);
    setCoreError(null);
    try {
      await usePlaybooks.getState().update({ id: playbook.id, name: name.trim(), description: description.trim(), plan: read.plan });
      notify.success(`Saved “${name.trim()}”.`);
      onClose();
    } catch (error) {
      setCoreError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const problems = [...read.problems, ...(coreError ? coreProblems(coreError) : [])];
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={`Edit ${playbook.name}`}
      onSubmit={() => void save()}
      data-testid="playbook-editor"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={saving} disabled={read.plan === null || nameError !== null}>
            Save playbook
          </Button>
        </>
      }
    >
      <TextField label="Name" value={name} error={nameError} onChange={(e) => setName(e.target.value)} />
      <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
      <div className="playbook-editor__plan">
        <TextArea
          label="Plan (YAML)"
          rows={18}
          spellCheck={false}
          className="playbook-editor__yaml"
          value={yaml}
          onChange={(e) => {
            setYaml(e.target.value);
            setCoreError(null);
          }}
          aria-invalid={problems.length > 0 || undefined}
          data-testid="playbook-yaml"
        />
        <div className="playbook-editor__problems" role="alert" aria-label="Problems in the plan" data-testid="playbook-problems">
          {problems.length > 0 && (
            <ul>
              {problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Dialog>
  );
}

/**
 * The core's refusal as problems to list: its "• …" lines (a plan with several problems says
 * each on its own line under a heading), or the whole message when it has none.
 */
function coreProblems(message: string): string[] {
  const items = message
    .split('\n')
    .filter((line) => line.startsWith('• '))
    .map((line) => line.slice(2));
  return items.length > 0 ? items : [message];
}
