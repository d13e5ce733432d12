import { LockOpen } from 'lucide-react';
import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Form, TextField } from '../../ui';
import { PassphraseBlockedNote, PassphraseFields, useNewPassphrase } from './PassphraseFields';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';

export type UnlockMode = 'passphrase' | 'recovery-key' | 'recover';

const TITLES: Record<UnlockMode, string> = {
  passphrase: 'Unlock with your passphrase',
  'recovery-key': 'Unlock with your recovery key',
  recover: 'Forgot your passphrase? Set a new one',
};

/**
 * Another device (or keys locked): unwrap the account's keys with the passphrase or the recovery
 * key; or, the passphrase forgotten, use the recovery key to set a new passphrase.
 */
export function UnlockForm({ initialMode = 'passphrase' }: { initialMode?: UnlockMode }) {
  const [mode, setMode] = useState<UnlockMode>(initialMode);
  return (
    <section className="sync-section" aria-labelledby="sync-unlock-title" data-testid="sync-unlock">
      <h3 id="sync-unlock-title">{TITLES[mode]}</h3>
      <p className="sync-muted">Your writing on the server is locked with the passphrase you chose on your first device. Unlock it here once; this device remembers the keys.</p>
      <nav className="ui-segmented ui-segmented--sm" aria-label="Unlock with">
        {(['passphrase', 'recovery-key', 'recover'] as const).map((m) => (
          <button key={m} type="button" className={mode === m ? 'is-active' : ''} aria-pressed={mode === m} onClick={() => setMode(m)} data-testid={`sync-unlock-mode-${m}`}>
            {m === 'passphrase' ? 'Passphrase' : m === 'recovery-key' ? 'Recovery key' : 'New passphrase'}
          </button>
        ))}
      </nav>
      {mode === 'recover' ? <RecoverFields /> : <UnlockFields key={mode} mode={mode} onRecover={() => setMode('recover')} />}
    </section>
  );
}

function UnlockFields({ mode, onRecover }: { mode: 'passphrase' | 'recovery-key'; onRecover: () => void }) {
  const { useSync } = useStores();
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const submit = async () => {
    if (!secret.trim()) return;
    setBusy(true);
    const input = mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret.trim() };
    setProblem(await useSync.getState().unlock(input));
    setBusy(false);
  };
  return (
    <Form className="sync-form" onSubmit={submit} noValidate>
      {mode === 'passphrase' ? (
        <TextField label="Passphrase" type="password" autoComplete="current-password" value={secret} onChange={(e) => (setSecret(e.target.value), setProblem(null))} data-testid="sync-unlock-passphrase" />
      ) : (
        <TextField
          label="Recovery key"
          autoComplete="off"
          spellCheck={false}
          placeholder="All groups, with or without dashes"
          value={secret}
          onChange={(e) => (setSecret(e.target.value), setProblem(null))}
          data-testid="sync-unlock-recovery-key"
        />
      )}
      <ProblemNote problem={problem} onFix={onRecover} offers={['recover']} data-testid="sync-unlock-problem" />
      <div className="sync-row">
        <Button type="submit" variant="primary" busy={busy} disabled={!secret.trim()} icon={<LockOpen size={15} />} data-testid="sync-unlock-submit">
          Unlock
        </Button>
      </div>
    </Form>
  );
}

function RecoverFields() {
  const { useSync } = useStores();
  const [recoveryKey, setRecoveryKey] = useState('');
  const next = useNewPassphrase();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const submit = async () => {
    setTried(true);
    if (!recoveryKey.trim()) return;
    setBusy(true);
    if (await next.check()) {
      setBusy(false);
      return;
    }
    setProblem(await useSync.getState().recover(recoveryKey.trim(), next.value));
    setBusy(false);
  };
  return (
    <Form className="sync-form" onSubmit={submit} noValidate>
      <TextField
        label="Recovery key"
        autoComplete="off"
        spellCheck={false}
        value={recoveryKey}
        onChange={(e) => (setRecoveryKey(e.target.value), setProblem(null))}
        error={tried && !recoveryKey.trim() ? 'Type the recovery key you wrote down.' : null}
        data-testid="sync-recover-key"
      />
      <PassphraseFields {...next.fields} showErrors={tried} label="New passphrase" testIdPrefix="sync-recover-passphrase" />
      <PassphraseBlockedNote text={tried ? next.blocked : null} />
      <ProblemNote problem={problem} data-testid="sync-recover-problem" />
      <div className="sync-row">
        <Button type="submit" variant="primary" busy={busy} data-testid="sync-recover-submit">
          Set new passphrase and unlock
        </Button>
      </div>
    </Form>
  );
}
