import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Form } from '../../ui';
import { PassphraseBlockedNote, PassphraseFields, useNewPassphrase } from './PassphraseFields';
import { ProblemNote } from './ProblemNote';
import { RecoveryCeremony } from './RecoveryCeremony';
import type { SyncProblemView } from './sync-errors';

/**
 * First device: choose the passphrase that locks the writing, then the recovery key ceremony.
 * Nothing is kept by the core until the recovery key has been typed back.
 */
export function KeysSetup() {
  const { useSync } = useStores();
  const ceremony = useSync((s) => s.ceremony);
  return ceremony ? <RecoveryCeremony ceremony={ceremony} /> : <PassphraseStep />;
}

function PassphraseStep() {
  const { useSync } = useStores();
  const passphrase = useNewPassphrase();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);

  const submit = async () => {
    setTried(true);
    setBusy(true);
    if (await passphrase.check()) {
      setBusy(false);
      return;
    }
    setProblem(await useSync.getState().createKeys(passphrase.value));
    setBusy(false);
  };

  return (
    <section className="sync-section" aria-labelledby="sync-keys-title" data-testid="sync-keys-setup">
      <h3 id="sync-keys-title">Choose your passphrase</h3>
      <p className="sync-muted">
        The passphrase locks your writing before it leaves this computer. Nobody — not the server, not Nova Studio — can open it without the passphrase
        or the recovery key you get next. You will type it once on each of your other devices.
      </p>
      <Form className="sync-form" onSubmit={submit} noValidate>
        <PassphraseFields {...passphrase.fields} showErrors={tried} />
        <PassphraseBlockedNote text={tried ? passphrase.blocked : null} testId="sync-passphrase-blocked" />
        <ProblemNote problem={problem} />
        <div className="sync-row">
          <Button type="submit" variant="primary" busy={busy} icon={<KeyRound size={15} />} data-testid="sync-keys-create">
            Continue
          </Button>
        </div>
      </Form>
    </section>
  );
}
