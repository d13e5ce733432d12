import { LogOut, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, formatDateTime, ProgressBar } from '../../ui';
import { AccountForm } from './AccountForm';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { ProblemNote } from './ProblemNote';
import type { SyncFix, SyncProblemView } from './sync-errors';
import { describeSyncError } from './sync-errors';
import { useSyncPanel } from './sync-panel.store';
import { describeProgress, summarizeSync } from './sync-status-summary';
import { useNow } from './SyncStatusIndicator';
import { UnlockForm } from './UnlockForm';

type Inline = 'unlock' | 'recover' | 'sign-in' | 'change-passphrase' | null;

/** Signed in with keys: where sync stands, what to do about a problem, the account, the passphrase. */
export function OverviewSection({ status }: { status: SyncStatus }) {
  const { useSync } = useStores();
  const now = useNow(30_000);
  const [inline, setInline] = useState<Inline>(null);
  const [busy, setBusy] = useState<'sync' | 'sign-out' | null>(null);
  const [actionProblem, setActionProblem] = useState<SyncProblemView | null>(null);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const summary = summarizeSync(status, now);
  const healthy = status.phase === 'synced' || status.phase === 'syncing';
  // Once sync works again, the form that fixed it (unlock, sign in) has done its job.
  useEffect(() => {
    if (healthy) setInline((shown) => (shown === 'change-passphrase' ? shown : null));
  }, [healthy]);
  const statusProblem = status.problem && (status.phase === 'error' || status.phase === 'offline') ? describeSyncError(status.problem) : null;

  const syncNow = async () => {
    setBusy('sync');
    setActionProblem(await useSync.getState().syncNow());
    setBusy(null);
  };
  const fix = (what: Exclude<SyncFix, null>) => {
    if (what === 'retry' || what === 'wait') void syncNow();
    else if (what === 'upgrade') useSyncPanel.getState().setSection('plan');
    else setInline(what);
  };
  const signOut = async () => {
    setBusy('sign-out');
    const outcome = await useSync.getState().signOut();
    setBusy(null);
    setConfirmSignOut(false);
    setActionProblem(outcome);
  };

  return (
    <div className="sync-panel" data-testid="sync-overview">
      <section className="sync-section" aria-labelledby="sync-overview-title">
        <div className="sync-row">
          <h3 id="sync-overview-title" data-testid="sync-overview-label">
            {summary.label}
          </h3>
          <Button size="sm" icon={<RefreshCw size={14} />} busy={busy === 'sync'} onClick={() => void syncNow()} style={{ marginLeft: 'auto' }} data-testid="sync-now">
            Sync now
          </Button>
        </div>
        {status.phase === 'syncing' && status.progress && (
          <div>
            <ProgressBar value={status.progress.done} max={status.progress.total ?? 0} label="Sync progress" />
            <p className="sync-muted">{describeProgress(status.progress)}</p>
          </div>
        )}
        <p className="sync-muted">{status.lastSyncedAt !== null ? `Last synced ${formatDateTime(status.lastSyncedAt)}.` : 'Not synced yet.'} {status.pendingChanges > 0 ? `${status.pendingChanges.toLocaleString()} local changes are waiting to be sent.` : 'No local changes are waiting.'}</p>
        <ProblemNote problem={statusProblem} onFix={fix} data-testid="sync-status-problem" />
        <ProblemNote problem={actionProblem} onFix={fix} data-testid="sync-action-problem" />
      </section>
      {inline === 'unlock' || inline === 'recover' ? <UnlockForm initialMode={inline === 'recover' ? 'recover' : 'passphrase'} /> : null}
      {inline === 'sign-in' && status.account ? <AccountForm initialMode="sign-in" initial={status.account} /> : null}
      {status.account && (
        <section className="sync-section" aria-labelledby="sync-account-title">
          <h3 id="sync-account-title">Account</h3>
          <div className="sync-muted">
            <div>
              Signed in as <strong data-testid="sync-account-email">{status.account.email}</strong> on {status.account.serverUrl}
            </div>
            <div>This device: {status.account.deviceName}</div>
          </div>
          <div className="sync-row">
            <Button size="sm" onClick={() => setInline(inline === 'change-passphrase' ? null : 'change-passphrase')} aria-expanded={inline === 'change-passphrase'} data-testid="sync-change-passphrase-open">
              Change passphrase
            </Button>
            <Button size="sm" variant="ghost" icon={<LogOut size={14} />} onClick={() => setConfirmSignOut(true)} data-testid="sync-sign-out">
              Sign out
            </Button>
          </div>
          {inline === 'change-passphrase' && <ChangePassphraseForm onDone={() => setInline(null)} />}
        </section>
      )}
      <ConfirmDialog
        open={confirmSignOut}
        title="Sign out of sync on this device?"
        message={
          <p>
            This device stops syncing and forgets its keys. Everything you wrote stays on this computer. {status.pendingChanges > 0 ? `${status.pendingChanges.toLocaleString()} changes not yet sent stay here and are not sent.` : ''} To sync again, sign in and unlock with your passphrase.
          </p>
        }
        confirmLabel="Sign out"
        busy={busy === 'sign-out'}
        onConfirm={() => void signOut()}
        onCancel={() => setConfirmSignOut(false)}
      />
    </div>
  );
}
