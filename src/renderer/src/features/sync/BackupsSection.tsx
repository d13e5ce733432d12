import { ArchiveRestore, DatabaseBackup } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { SyncBackup, SyncRestore } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, formatCount, formatDateTime, Spinner } from '../../ui';
import { formatBytes } from '../ai-settings/ai-format';
import { JobProgress } from './JobProgress';
import { ProblemNote } from './ProblemNote';
import { RestoreDialog } from './RestoreDialog';
import type { SyncFix, SyncProblemView } from './sync-errors';
import { useSyncPanel } from './sync-panel.store';

/** What a finished restore asks of the writer: a restart (in place), or where the copy is. */
export function restoreDoneText(target: SyncRestore | null): string {
  if (target?.target === 'new-folder') return `Restored into ${target.folder ?? 'the new folder'}. Start Nova Studio with that data folder to open it; this one is unchanged.`;
  return 'Restore ready. Restart Nova Studio to open the restored writing (the snapshot of what was here is kept in the data folder).';
}

/** The account's encrypted backups, newest first: Back up now, and Restore any of them. */
export function BackupsSection() {
  const { useSyncAccount } = useStores();
  const backups = useSyncAccount((s) => s.backups);
  const backupJobId = useSyncAccount((s) => s.backupJobId);
  const restoreJobId = useSyncAccount((s) => s.restoreJobId);
  const restoreTarget = useSyncAccount((s) => s.restoreTarget);
  const [restoring, setRestoring] = useState<SyncBackup | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const reload = useCallback(() => void useSyncAccount.getState().loadBackups(), [useSyncAccount]);

  useEffect(reload, [reload]);

  const backUpNow = async () => {
    setBusy(true);
    setProblem(await useSyncAccount.getState().backUpNow());
    setBusy(false);
  };
  const fix = (what: Exclude<SyncFix, null>) => {
    if (what === 'upgrade') useSyncPanel.getState().setSection('plan');
    else void backUpNow();
  };

  return (
    <section className="sync-section" aria-labelledby="sync-backups-title" data-testid="sync-backups">
      <div className="sync-row">
        <h3 id="sync-backups-title">Backups</h3>
        <Button variant="primary" size="sm" icon={<DatabaseBackup size={14} />} busy={busy} onClick={() => void backUpNow()} style={{ marginLeft: 'auto' }} data-testid="sync-backup-now">
          Back up now
        </Button>
      </div>
      <p className="sync-muted">Encrypted copies of everything in this data folder, kept on the server. Restore one into this folder or into a new one.</p>
      <ProblemNote problem={problem} onFix={fix} offers={['upgrade', 'retry']} data-testid="sync-backup-problem" />
      {backupJobId && <JobProgress jobId={backupJobId} label="Backup" onFinished={reload} />}
      {restoreJobId && <JobProgress jobId={restoreJobId} label="Restore" doneText={restoreDoneText(restoreTarget)} />}
      <ProblemNote problem={backups.error} onFix={reload} offers={['retry']} />
      {backups.items === null ? (
        !backups.error && <Spinner label="Reading your backups…" />
      ) : backups.items.length === 0 ? (
        <p className="sync-muted" data-testid="sync-backups-empty">
          No backups yet. Back up now to make the first one.
        </p>
      ) : (
        <ul className="sync-list" aria-label="Backups">
          {backups.items.map((backup) => (
            <li key={backup.id} className="sync-item" aria-label={`Backup of ${formatDateTime(backup.createdAt)}`} data-testid="sync-backup">
              <div className="sync-item__main">
                <span className="sync-item__title">
                  {formatDateTime(backup.createdAt)} <span className="ui-badge">{backup.kind === 'full' ? 'Full' : 'Incremental'}</span>
                </span>
                <span className="sync-item__meta">
                  From {backup.deviceName} · {formatCount(backup.projects, 'project')}, {formatCount(backup.words, 'word')} · {formatBytes(backup.bytes)}
                </span>
              </div>
              <Button size="sm" icon={<ArchiveRestore size={14} />} onClick={() => setRestoring(backup)} aria-label={`Restore the backup of ${formatDateTime(backup.createdAt)}`} data-testid="sync-backup-restore">
                Restore…
              </Button>
            </li>
          ))}
        </ul>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}
