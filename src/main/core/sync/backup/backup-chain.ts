import type { Backup } from '../../../../shared/cloud/blobs';
import { createRecordSealer, type Keyring, type SodiumPort } from '../crypto';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { backupErrors } from './backup-errors';
import { openManifest, type BackupManifest } from './backup-manifest';
import type { BackupTransport } from './backup-ports';

export interface VerifiedChain {
  backup: Backup;
  manifest: BackupManifest;
  /** Each pack the manifest names, checked against the backup that wrote it: its blob size too. */
  packs: Array<{ blobId: string; backupKey: string; size: number }>;
}

/** Longest chain of incrementals followed (a loop in a hostile server's answers ends here). */
const MAX_CHAIN = 10_000;

/**
 * Opens the backup's manifest and every ancestor's (each sealed at its own blob id, so a
 * manifest moved between backups fails), checks that each parent is the one its child names,
 * and that every pack the chunk table uses was written by a backup of this chain under the
 * context its manifest gives — so no piece of a restore comes from outside the chain.
 */
export async function verifyChain(deps: { transport: BackupTransport; keyring: Keyring; sodium: SodiumPort }, backupId: string): Promise<VerifiedChain> {
  const sealer = createRecordSealer({ sodium: deps.sodium, keyring: deps.keyring });
  const open = (backup: Backup) => openManifest(sealer, deps.keyring.keyId, backup.blobId, Buffer.from(backup.manifest, 'base64'));
  const backup = await deps.transport.getBackup(backupId);
  const manifest = open(backup);
  const written = new Map<string, { backupKey: string; size: number }>([[backup.blobId, { backupKey: manifest.backupKey, size: backup.size }]]);
  let link = manifest.parent;
  const seen = new Set([backup.backupId]);
  while (link) {
    if (seen.has(link.backupId) || seen.size > MAX_CHAIN) throw backupErrors.chainBroken('a backup is its own ancestor');
    seen.add(link.backupId);
    const parent = await deps.transport.getBackup(link.backupId);
    if (parent.blobId !== link.blobId) throw backupErrors.chainBroken('a parent backup is not the one its child names');
    const parentManifest = open(parent);
    written.set(parent.blobId, { backupKey: parentManifest.backupKey, size: parent.size });
    link = parentManifest.parent;
  }
  const packs = manifest.packs.map((pack) => {
    const writer = written.get(pack.blobId);
    if (!writer || writer.backupKey !== pack.backupKey) throw backupErrors.chainBroken('a piece is not from this backup or its ancestors');
    return { ...pack, size: writer.size };
  });
  return { backup, manifest, packs };
}

/**
 * The account's backups whose manifests these keys open, newest first. Backups made with other
 * keys (before the keys were set up again) are left out while at least one opens; when none
 * does, WRONG_PASSPHRASE says so. A changed manifest is TAMPERED, never skipped.
 */
export async function readableBackups(deps: { transport: BackupTransport; keyring: Keyring; sodium: SodiumPort }): Promise<Array<{ backup: Backup; manifest: BackupManifest }>> {
  const sealer = createRecordSealer({ sodium: deps.sodium, keyring: deps.keyring });
  const rows = await deps.transport.listBackups();
  const readable: Array<{ backup: Backup; manifest: BackupManifest }> = [];
  let otherKeys: AppError | null = null;
  for (const backup of rows) {
    try {
      readable.push({ backup, manifest: openManifest(sealer, deps.keyring.keyId, backup.blobId, Buffer.from(backup.manifest, 'base64')) });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== ErrorCode.WRONG_PASSPHRASE) throw error;
      otherKeys = error;
    }
  }
  if (readable.length === 0 && otherKeys) throw otherKeys;
  // Newest first by the device's own time in the manifest (the server's may tie or be coarse),
  // then the server's; a backup built on another is newer than it.
  return readable.sort(
    (a, b) =>
      b.manifest.createdAt - a.manifest.createdAt ||
      b.backup.createdAt - a.backup.createdAt ||
      (a.manifest.parent?.backupId === b.backup.backupId ? -1 : b.manifest.parent?.backupId === a.backup.backupId ? 1 : 0),
  );
}
