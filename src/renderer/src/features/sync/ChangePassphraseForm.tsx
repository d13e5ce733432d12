import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Form, notify, TextField } from '../../ui';
import { PassphraseBlockedNote, PassphraseFields, useNewPassphrase } from './PassphraseFields';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';

/** Change the passphrase: only the wrapped key is re-made and uploaded, not the writing. */
export function ChangePassphraseForm({ onDone }: { onDone: () => void }) {
  const { useSync } = useStores();
  const [current, setCurrent] = useState('');
  const next = useNewPassphrase();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);

  const submit = async () => {
    setTried(true);
    if (!current) return;
    setBusy(true);
    if (await next.check()) {
      setBusy(false);
      return;
    }
    const outcome = await useSync.getState().changePassphrase(current, next.value);
    setBusy(false);
    setProblem(outcome);
    if (!outcome) {
      notify.success('Passphrase changed. Use the new one on your other devices next time they ask; your recovery key still works.');
      onDone();
    }
  };

  return (
    <Form className="sync-form" onSubmit={submit} noValidate data-testid="sync-change-passphrase">
      <p className="sync-muted">Your writing is not re-uploaded: only the key that locks it is wrapped again with the new passphrase.</p>
      <TextField
        label="Current passphrase"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => (setCurrent(e.target.value), setProblem(null))}
        error={tried && !current ? 'Type your current passphrase.' : null}
        data-testid="sync-current-passphrase"
      />
      <PassphraseFields {...next.fields} showErrors={tried} label="New passphrase" testIdPrefix="sync-new-passphrase" />
      <PassphraseBlockedNote text={tried ? next.blocked : null} />
      <ProblemNote problem={problem} data-testid="sync-change-problem" />
      <div className="sync-row">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy} data-testid="sync-change-submit">
          Change passphrase
        </Button>
      </div>
    </Form>
  );
}
