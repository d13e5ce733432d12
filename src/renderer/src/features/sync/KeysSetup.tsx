import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Form } from '../../ui';
import { checkNewPassphrase, PassphraseFields, passphraseProblem, usePassphraseStrength } from './PassphraseFields';
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
  const account = useSync((s) => s.status?.account ?? null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const personal = account ? [account.email, account.deviceName] : [];
  const strength = usePassphraseStrength(passphrase, personal);
  const blocked = passphraseProblem(passphrase, confirm, strength.strength, strength.unavailable);

  const submit = async () => {
    setTried(true);
    setBusy(true);
    // Checked again here: a Continue pressed before the dictionaries loaded waits for them.
    if (await checkNewPassphrase(passphrase, confirm, personal)) {
      setBusy(false);
      return;
    }
    setProblem(await useSync.getState().createKeys(passphrase));
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
        <PassphraseFields value={passphrase} confirm={confirm} onChange={setPassphrase} onConfirmChange={setConfirm} strength={strength} showErrors={tried} />
        {tried && blocked && (
          <p className="sync-note sync-note--warn" role="alert" data-testid="sync-passphrase-blocked">
            {blocked}
          </p>
        )}
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
