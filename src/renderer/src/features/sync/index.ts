/**
 * Backup & sync (issue 10): the status in the status bar, the panel (account, keys, recovery key
 * ceremony, unlock, devices, backups, plan) and its stores.
 *
 * Test ids: `sync-status` (data-phase, data-tone); panel `sync-panel`, tabs `sync-tab-<section>`;
 * account `sync-server-url`, `sync-email`, `sync-password`, `sync-device-name`,
 * `sync-mode-sign-up|sign-in`, `sync-account-submit`; keys `sync-passphrase(-confirm)`,
 * `sync-strength` (`-label`, `-time`, `-tips`, `-retry`), `sync-keys-create`; ceremony `sync-recovery-key`,
 * `sync-recovery-print|copy|written|next`, `sync-challenge-<n>`, `sync-recovery-confirm`,
 * `sync-recovery-restart`; unlock `sync-unlock-mode-<mode>`, `sync-unlock-passphrase`,
 * `sync-unlock-recovery-key`, `sync-unlock-submit`, `sync-recover-*`; overview `sync-now`,
 * `sync-sign-out`, `sync-change-*`; devices `sync-device`, `sync-device-revoke`; backups
 * `sync-backup-now`, `sync-backup`, `sync-backup-restore`, `sync-restore-*`; plan
 * `sync-plan-tier`, `sync-plan-usage`, `sync-upgrade-<tier>`; problems `sync-problem` (data-code),
 * fixes `sync-fix-<fix>`.
 */
export { SyncLink, SyncPanel, SYNC_PANEL } from './SyncPanel';
export { SyncStatusIndicator } from './SyncStatusIndicator';
export { useSyncPanel, type SyncSection } from './sync-panel.store';
export { createSyncStore, type SyncStore } from './sync.store';
export { createSyncAccountStore, type SyncAccountStore } from './sync-account.store';
export { describeSyncError, type SyncProblemView } from './sync-errors';
