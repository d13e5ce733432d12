/**
 * A core in its own process for the backup crash test: opens `DIR` with the backup jobs over the
 * endpoint at `URL` (bearer `TOKEN`, keys unlocked from the envelope in `ENVELOPE_FILE` with the
 * test passphrase), enqueues a full backup uploading in 64 KiB pieces, each 30 ms apart so the
 * test can SIGKILL it mid-upload, and prints `job <id>` and then `offset <n>` after each piece.
 *
 *   node --import tsx src/main/testing/backup-crash-child.ts DIR URL TOKEN ENVELOPE_FILE
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { createCore } from '../core';
import { silentLogger } from '../core/platform/logger';
import { createHttpBackupTransport, createKeyringService, loadSodium, MIN_KDF, type BackupTransport } from '../core/sync';

const [dataDir, url, token, envelopeFile] = process.argv.slice(2);
if (!dataDir || !url || !token || !envelopeFile) throw new Error('usage: backup-crash-child.ts DIR URL TOKEN ENVELOPE_FILE');
const sodium = await loadSodium({ logger: silentLogger() });
const keyring = await createKeyringService({ sodium, kdf: MIN_KDF }).unlockWithPassphrase(JSON.parse(readFileSync(envelopeFile, 'utf8')), 'a long test passphrase');
const http = createHttpBackupTransport({ serverUrl: url, token: () => token });
const slow: BackupTransport = {
  ...http,
  async appendChunk(uploadId, offset, bytes, signal) {
    await delay(30);
    const next = await http.appendChunk(uploadId, offset, bytes, signal);
    process.stdout.write(`offset ${next}\n`);
    return next;
  },
};
const core = createCore({
  dataDir,
  logger: silentLogger(),
  syncBackup: { sodium, keys: { keyring: () => keyring }, transport: () => slow, deviceName: () => 'Crash child', uploadPieceBytes: 64 * 1024 },
});
const started = core.services.backups?.startBackup('full');
process.stdout.write(`job ${started?.jobId}\n`);
