import { useState } from 'react';
import type { SyncBackup, SyncRestore } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, Dialog, formatCount, formatDateTime, TextField } from '../../ui';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';

type Target = SyncRestore['target'];

/** Whether a folder path is absolute on any of the desktop platforms ("/home/…", "C:\…", "\\server\…"). */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path.trim());
}

/**
 * Restore a backup: in place (a local snapshot of everything is taken first, so the restore can
 * be undone) or into a new folder (this data folder is left as it is).
 */
export function RestoreDialog({ backup, onClose }: { backup: SyncBackup; onClose: () => void }) {
  const { useSyncAccount } = useStores();
  const [target, setTarget] = useState<Target>('in-place');
  const [folder, setFolder] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const folderError = target === 'new-folder' && tried && !isAbsolutePath(folder) ? 'Type the full path of an empty or new folder, like /Users/me/Restored novel.' : null;

  const submit = async () => {
    setTried(true);
    if (target === 'new-folder' && !isAbsolutePath(folder)) return;
    setBusy(true);
    const outcome = await useSyncAccount.getState().restore(target === 'new-folder' ? { backupId: backup.id, target, folder: folder.trim() } : { backupId: backup.id, target });
    setBusy(false);
    setProblem(outcome);
    if (!outcome) onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Restore this backup?"
      description={`${formatDateTime(backup.createdAt)} from ${backup.deviceName}: ${formatCount(backup.projects, 'project')}, ${formatCount(backup.words, 'word')}.`}
      onSubmit={() => void submit()}
      closeOnBackdrop={false}
      data-testid="sync-restore-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="sync-restore-start">
            {target === 'in-place' ? 'Restore here' : 'Restore into the folder'}
          </Button>
        </>
      }
    >
      <fieldset className="ui-fieldset">
        <legend className="ui-field__label">Where to restore</legend>
        <label className="sync-choice">
          <input type="radio" name="restore-target" checked={target === 'in-place'} onChange={() => setTarget('in-place')} data-testid="sync-restore-in-place" />
          <span>
            <strong>Replace what is here</strong>
            <span className="sync-muted">
              Nova Studio first takes a snapshot of everything in this data folder (kept inside it, so what you have now can be brought back). The
              backup replaces it the next time Nova Studio starts: restart once the restore is ready.
            </span>
          </span>
        </label>
        <label className="sync-choice">
          <input type="radio" name="restore-target" checked={target === 'new-folder'} onChange={() => setTarget('new-folder')} data-testid="sync-restore-new-folder" />
          <span>
            <strong>Into a new folder</strong>
            <span className="sync-muted">This data folder stays as it is. Open the restored folder later to look through it or copy from it.</span>
          </span>
        </label>
      </fieldset>
      {target === 'new-folder' && (
        <TextField label="Folder" placeholder="/Users/me/Restored novel" value={folder} onChange={(e) => setFolder(e.target.value)} error={folderError} hint="An empty or new folder; its full path." data-testid="sync-restore-folder" />
      )}
      <ProblemNote problem={problem} data-testid="sync-restore-problem" />
    </Dialog>
  );
}
