import { LogIn, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { syncCredentialsSchema, type SyncCredentials } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, Form, TextField } from '../../ui';
import { defaultDeviceName } from './open-external';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';

export type AccountMode = 'sign-up' | 'sign-in';

type Field = keyof SyncCredentials;

/** The first problem zod finds for each field, in the schema's own words. */
function fieldErrors(values: SyncCredentials): Partial<Record<Field, string>> {
  const parsed = syncCredentialsSchema.safeParse(values);
  if (parsed.success) return {};
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && !errors[field]) errors[field] = field === 'deviceName' ? 'Give this device a name.' : issue.message;
  }
  return errors;
}

export interface AccountFormProps {
  initialMode?: AccountMode;
  /** Pre-filled when signing in again (the account this device had). */
  initial?: Partial<SyncCredentials>;
}

/**
 * Sign up or sign in to a sync server: its address, an email, a password for the account (not
 * the passphrase: the server never sees that), and this device's name as the devices list shows it.
 */
export function AccountForm({ initialMode = 'sign-up', initial = {} }: AccountFormProps) {
  const { useSync } = useStores();
  const [mode, setMode] = useState<AccountMode>(initialMode);
  const [values, setValues] = useState<SyncCredentials>({
    serverUrl: initial.serverUrl ?? '',
    email: initial.email ?? '',
    password: '',
    deviceName: initial.deviceName ?? defaultDeviceName(),
  });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const errors = tried ? fieldErrors(values) : {};
  const set = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setProblem(null);
  };

  const submit = async () => {
    setTried(true);
    if (Object.keys(fieldErrors(values)).length > 0) return;
    setBusy(true);
    const store = useSync.getState();
    const outcome = mode === 'sign-up' ? await store.signUp(values) : await store.signIn(values);
    setBusy(false);
    setProblem(outcome);
  };

  return (
    <section className="sync-section" aria-labelledby="sync-account-title" data-testid="sync-account">
      <div className="sync-row">
        <h3 id="sync-account-title">{mode === 'sign-up' ? 'Create a sync account' : 'Sign in to your sync account'}</h3>
        <nav className="ui-segmented ui-segmented--sm" aria-label="Account" style={{ marginLeft: 'auto' }}>
          <button type="button" className={mode === 'sign-up' ? 'is-active' : ''} aria-pressed={mode === 'sign-up'} onClick={() => setMode('sign-up')} data-testid="sync-mode-sign-up">
            New account
          </button>
          <button type="button" className={mode === 'sign-in' ? 'is-active' : ''} aria-pressed={mode === 'sign-in'} onClick={() => setMode('sign-in')} data-testid="sync-mode-sign-in">
            I have an account
          </button>
        </nav>
      </div>
      <p className="sync-muted">
        Your writing is encrypted on this computer before it leaves; the server stores only ciphertext. The account password signs you in; a separate
        passphrase (next step) locks your writing.
      </p>
      <Form className="sync-form" onSubmit={submit} noValidate>
        <TextField label="Sync server address" type="url" inputMode="url" placeholder="https://sync.example.com" autoComplete="url" value={values.serverUrl} onChange={set('serverUrl')} error={errors.serverUrl} data-testid="sync-server-url" />
        <div className="sync-form__grid">
          <TextField label="Email" type="email" autoComplete="email" value={values.email} onChange={set('email')} error={errors.email} data-testid="sync-email" />
          <TextField
            label="Account password"
            type="password"
            autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
            value={values.password}
            onChange={set('password')}
            error={errors.password}
            hint={mode === 'sign-up' ? 'At least 10 characters.' : undefined}
            data-testid="sync-password"
          />
        </div>
        <TextField label="This device’s name" value={values.deviceName} onChange={set('deviceName')} error={errors.deviceName} hint="How this computer appears in your list of devices." data-testid="sync-device-name" />
        <ProblemNote problem={problem} onFix={() => setMode('sign-in')} offers={mode === 'sign-up' ? ['sign-in'] : []} />
        <div className="sync-row">
          <Button type="submit" variant="primary" busy={busy} icon={mode === 'sign-up' ? <UserPlus size={15} /> : <LogIn size={15} />} data-testid="sync-account-submit">
            {mode === 'sign-up' ? 'Create account' : 'Sign in'}
          </Button>
        </div>
      </Form>
    </section>
  );
}
