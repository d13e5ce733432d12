import type { SyncProgress, SyncStatus } from '../../../../shared/models/sync';
import { formatCount, formatRelativeTime } from '../../ui';
import { formatBytes } from '../ai-settings/ai-format';
import { describeSyncError, GENERIC_TITLE, type SyncFix } from './sync-errors';

export type SyncTone = 'quiet' | 'ok' | 'busy' | 'warn' | 'danger';

/** The status bar's words for sync: a label, a sentence with what to do, and the fix to offer. */
export interface SyncSummary {
  tone: SyncTone;
  label: string;
  detail: string;
  fix: SyncFix;
}

const STAGES: Record<SyncProgress['stage'], string> = { pull: 'Receiving', push: 'Sending', backup: 'Backing up', restore: 'Restoring' };

/** "Sending 120 of 300 changes", "Backing up 1.2 MB of 4.0 MB"; the total left out while unknown. */
export function describeProgress(progress: SyncProgress): string {
  const amount = (n: number) => (progress.unit === 'bytes' ? formatBytes(n) : formatCount(n, 'change'));
  if (progress.total === null) return `${STAGES[progress.stage]}… ${amount(progress.done)}`;
  if (progress.unit === 'bytes') return `${STAGES[progress.stage]} ${formatBytes(progress.done)} of ${formatBytes(progress.total)}`;
  return `${STAGES[progress.stage]} ${progress.done.toLocaleString()} of ${formatCount(progress.total, 'change')}`;
}

/** Whole percent of a progress with a known total, else null. */
export function progressPercent(progress: SyncProgress | null): number | null {
  if (!progress || progress.total === null || progress.total === 0) return null;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

function waiting(status: SyncStatus): string {
  return status.pendingChanges > 0 ? `${formatCount(status.pendingChanges, 'change')} wait on this device.` : 'Nothing is waiting to be sent.';
}

/** What the status bar says for a status (`now` for "5 minutes ago"). */
export function summarizeSync(status: SyncStatus, now: number): SyncSummary {
  const last = status.lastSyncedAt === null ? null : formatRelativeTime(status.lastSyncedAt, now);
  switch (status.phase) {
    case 'off':
      return { tone: 'quiet', label: 'Set up backup & sync', detail: 'Keep an encrypted copy of your writing and use it on your other computers.', fix: null };
    case 'needs-keys':
      return status.keysOnServer
        ? { tone: 'warn', label: 'Sync: unlock', detail: 'Signed in. Enter your passphrase (or recovery key) to unlock your keys on this device.', fix: 'unlock' }
        : { tone: 'warn', label: 'Finish sync setup', detail: 'Signed in. Choose a passphrase and save your recovery key to start syncing.', fix: 'unlock' };
    case 'synced':
      return { tone: 'ok', label: last ? `Synced ${last}` : 'Synced', detail: `Everything is backed up and in sync.${last ? ` Last synced ${last}.` : ''}`, fix: null };
    case 'syncing': {
      const percent = progressPercent(status.progress);
      // A backup or restore says so; a round's pull and push are both "syncing".
      const doing = status.progress?.stage === 'backup' ? 'Backing up' : status.progress?.stage === 'restore' ? 'Restoring' : 'Syncing';
      return {
        tone: 'busy',
        label: percent === null ? `${doing}…` : `${doing} ${percent}%`,
        detail: status.progress ? `${describeProgress(status.progress)}.` : 'Sending and receiving changes.',
        fix: null,
      };
    }
    case 'offline':
      return {
        tone: 'warn',
        label: status.pendingChanges > 0 ? `Offline · ${status.pendingChanges.toLocaleString()} waiting` : 'Offline',
        detail: `${status.problem ? describeSyncError(status.problem).message : 'The sync server cannot be reached; sync resumes by itself when it is back.'} ${waiting(status)}${last ? ` Last synced ${last}.` : ''}`,
        fix: 'retry',
      };
    case 'error': {
      const problem = describeSyncError(status.problem ?? { code: 'INTERNAL', message: 'Sync stopped for an unknown reason.', retryable: true });
      return { tone: 'danger', label: problem.title === GENERIC_TITLE ? GENERIC_TITLE : `Sync: ${problem.title.toLowerCase()}`, detail: `${problem.message} ${waiting(status)}`, fix: problem.fix };
    }
  }
}
