import type Database from 'better-sqlite3';
import { rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { UploadStatus } from '../../../../shared/cloud/blobs';
import type { JobProgress } from '../../../../shared/models/jobs';
import type { Clock } from '../../platform/clock';
import { createRecordSealer, type Keyring, type SodiumPort } from '../crypto';
import { readableBackups } from './backup-chain';
import { decodeChunkTable, encodeChunkTable, sealManifest, type BackupManifest, type ChunkEntry } from './backup-manifest';
import type { BackupKeys, BackupTransport } from './backup-ports';
import { copyDatabaseBeside, countBook, databaseBytes, DB_ENTRY, mediaSources } from './backup-sources';
import { backupKeysOf } from './backup-keys';
import { createStaging, type BackupState } from './backup-staging';
import { loadMediaIndex, MEDIA_INDEX_FILE, mediaIndexOf, planMedia, saveMediaIndex, type MediaPlan } from './media-index';
import { createInlineHasher, createWorkerHasher, type StartHashWorker } from './pack-hasher';
import { CHUNK_BYTES, writePack, type PackResult, type PackSource } from './pack-writer';
import { uploadFrom } from './resumable-upload';
import { stagedPackIsWhole } from './staged-pack-check';

export interface BackupRunnerDeps {
  dataDir: string;
  /** The core's live connection: copied with SQLite's online backup. */
  sqlite: Database.Database;
  sodium: SodiumPort;
  keys: BackupKeys;
  transport: () => BackupTransport;
  clock: Clock;
  /** The name this device goes by (for the history list). */
  deviceName: () => string;
  /** Bytes per upload request (8 MiB, `UPLOAD_PIECE_BYTES`, unless a test makes them small). */
  uploadPieceBytes?: number;
  /**
   * Starts the thread that reads and hashes the files beside the encryption (default: a worker
   * thread, see pack-hasher.ts); null reads and hashes on the core's thread.
   */
  startHashWorker?: StartHashWorker | null;
}

/** The staged pack's name in a job's staging folder. */
const PACK_FILE = 'pack.nvbs';

export interface BackupRun {
  jobId: string;
  kind: 'full' | 'incremental';
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}

/** Where a backup job keeps its staged files: `<dataDir>/sync-backup/<jobId>/`. */
export const BACKUP_STAGING_FOLDER = 'sync-backup';

/**
 * One backup, in three durable steps a restarted job resumes from: pack (copy the database,
 * read it and the media in chunks, encrypt the chunks the parent does not hold into a staged
 * pack; the state file is written once the pack is whole; a resumed job checks the pack first, see
 * staged-pack-check.ts), upload (from the
 * server's offset, hashing the pack as it is read), register (the sealed manifest; skipped when a backup of that blob already exists).
 */
export function createBackupRunner(deps: BackupRunnerDeps) {
  const { sodium } = deps;

  /** The newest backup these keys open: the parent of an incremental one (none: a full one). */
  const newestBackup = async (transport: BackupTransport, keyring: Keyring) => {
    try {
      return (await readableBackups({ transport, keyring, sodium }))[0] ?? null;
    } catch (error) {
      // Only backups made with other keys: this one starts a chain of its own.
      if (error instanceof AppError && error.code === ErrorCode.WRONG_PASSPHRASE) return null;
      throw error;
    }
  };

  const pack = async (run: BackupRun, staging: ReturnType<typeof createStaging>, keyring: Keyring): Promise<BackupState> => {
    const transport = deps.transport();
    const parent = run.kind === 'incremental' ? await newestBackup(transport, keyring) : null;
    const parentEntries = parent ? decodeChunkTable(parent.manifest.chunks) : [];
    const known = new Map<string, ChunkEntry>();
    for (const entry of parentEntries) known.set(Buffer.from(entry.id).toString('hex'), entry);
    const packs = parent ? [...parent.manifest.packs] : [];
    const backupKey = Buffer.from(sodium.randomBytes(16)).toString('base64url');

    const keys = backupKeysOf(keyring);
    // Media the parent read and that have not changed since (same size, times and inode) are
    // listed from its manifest without being read (see media-index.ts).
    const plan = await planMedia({
      media: await mediaSources(deps.dataDir),
      parent: parent?.manifest ?? null,
      parentEntries,
      index: await loadMediaIndex(path.join(deps.dataDir, BACKUP_STAGING_FOLDER, MEDIA_INDEX_FILE)),
      now: deps.clock.now(),
    });
    await saveMediaIndex(staging.file(MEDIA_INDEX_FILE), mediaIndexOf(backupKey, plan.signatures));
    const sizes = await Promise.all(plan.toRead.map(async (source) => (await stat(source.file)).size));
    const total = sizes.reduce((sum, size) => sum + size, databaseBytes(deps.sqlite));
    const book = countBook(deps.sqlite);
    // The hashing thread starts and reads the media while the database is copied on a thread
    // of its own; the copy follows them in the pack (see pack-writer.ts).
    const hasher = deps.startHashWorker === null ? createInlineHasher(keys.chunkId) : createWorkerHasher(keys.chunkId, deps.startHashWorker);
    const dbCopy = staging.file(DB_ENTRY);
    const copied = copyDatabaseBeside(deps.sqlite, dbCopy).then((): PackSource => ({ path: DB_ENTRY, file: dbCopy, chunkBytes: CHUNK_BYTES.database }));
    let read = 0;
    const result = withReused(
      plan,
      await writePack({
        sodium,
        sources: [...plan.toRead, copied],
        hasher,
        known,
        packIndex: packs.length,
        chunkIdKey: keys.chunkId,
        packKey: keys.pack,
        context: keys.context(backupKey),
        out: staging.file(PACK_FILE),
        signal: run.signal,
        onRead(bytes) {
          read += bytes;
          run.progress({ done: read, total: Math.max(total, read), message: 'Reading and encrypting' });
        },
      }),
    );
    const state = packedState({ parent, packs, backupKey, result, book, createdAt: deps.clock.now(), deviceName: deps.deviceName() });
    await staging.remove(DB_ENTRY);
    await staging.save(state);
    return state;
  };

  /** Nothing is resumable until the state file is written: a pack that fails leaves no staged files behind. */
  const packOrDiscard = async (run: BackupRun, staging: ReturnType<typeof createStaging>, keyring: Keyring): Promise<BackupState> => {
    try {
      return await pack(run, staging, keyring);
    } catch (error) {
      await staging.discard();
      throw error;
    }
  };

  return {
    /** Runs (or resumes) the backup of job `run.jobId`; resolves with the server's backup id. */
    async run(run: BackupRun): Promise<{ backupId: string; uploadedBytes: number }> {
      const keyring = deps.keys.keyring();
      const folder = path.join(deps.dataDir, BACKUP_STAGING_FOLDER, run.jobId);
      let staging = createStaging(folder);
      let staged = await staging.load();
      if (staged) run.progress({ done: 0, total: staged.cipherBytes, message: 'Checking the backup staged before the interruption' });
      if (staged && !(await stagedPackIsWhole({ sodium, file: staging.file(PACK_FILE), size: staged.cipherBytes, ...packKeysOf(keyring, staged) }))) {
        // Torn by a system crash (see staged-pack-check.ts): packed again, into a new upload.
        await staging.discard();
        staging = createStaging(folder);
        staged = null;
      }
      let state = staged ?? (await packOrDiscard(run, staging, keyring));
      const transport = deps.transport();
      // A fresh upload's status is the one its creation answered; a resumed one asks the server
      // (two round trips fewer before the first byte of a new backup).
      let status: UploadStatus | null = null;
      if (state.uploadId === null) {
        status = await transport.createUpload(state.cipherBytes);
        state = { ...state, uploadId: status.uploadId };
        await staging.save(state);
      }
      const uploadId = state.uploadId as string;
      let uploadedNow = 0;
      status ??= await transport.uploadStatus(uploadId);
      if (status.blobId === null) {
        const from = status.offset;
        const sha256 = await uploadFrom({
          transport,
          uploadId,
          offset: from,
          file: staging.file(PACK_FILE),
          size: state.cipherBytes,
          signal: run.signal,
          ...(deps.uploadPieceBytes !== undefined && { pieceBytes: deps.uploadPieceBytes }),
          onOffset(offset) {
            uploadedNow = offset - from;
            state = { ...state, offset };
            staging.saveSoon(state);
            run.progress({ done: offset, total: state.cipherBytes, message: 'Uploading' });
          },
        });
        await transport.completeUpload(uploadId, sha256);
      }
      run.signal.throwIfAborted();
      const existing = (await transport.listBackups()).find((backup) => backup.blobId === uploadId);
      const backupId = existing ? existing.backupId : await register(transport, keyring, state, uploadId);
      // The next incremental backup trusts these signatures only now that this backup exists.
      await rename(staging.file(MEDIA_INDEX_FILE), path.join(deps.dataDir, BACKUP_STAGING_FOLDER, MEDIA_INDEX_FILE)).catch(() => undefined);
      await staging.discard();
      return { backupId, uploadedBytes: uploadedNow };
    },
  };

  async function register(transport: BackupTransport, keyring: Keyring, state: BackupState, blobId: string): Promise<string> {
    const manifest = { ...state.manifest, packs: state.manifest.packs.map((pack, i) => (i === state.ownPack ? { ...pack, blobId } : pack)) };
    const sealed = sealManifest(createRecordSealer({ sodium, keyring }), keyring.keyId, blobId, manifest);
    const backup = await transport.createBackup({ blobId, kind: manifest.kind, parentId: manifest.parent?.backupId ?? null, manifest: sealed });
    return backup.backupId;
  }
}

export type BackupRunner = ReturnType<typeof createBackupRunner>;

/** The key and context that open the staged pack of `state`. */
function packKeysOf(keyring: Keyring, state: BackupState): { key: Uint8Array; context: Uint8Array } {
  const keys = backupKeysOf(keyring);
  return { key: keys.pack, context: keys.context(state.manifest.backupKey) };
}

/** The job's state once packed: the manifest with only the packs its chunk table uses (older ones drop out of the chain; this backup's own last). */
function packedState(input: {
  parent: { backup: { backupId: string; blobId: string } } | null;
  packs: BackupManifest['packs'];
  backupKey: string;
  result: PackResult;
  book: { projects: number; words: number };
  createdAt: number;
  deviceName: string;
}): BackupState {
  const { parent, backupKey, result } = input;
  const packs = [...input.packs, { blobId: '', backupKey }];
  const used = [...new Set(result.entries.map((entry) => entry.pack))].sort((a, b) => a - b);
  const remap = new Map(used.map((old, i) => [old, i]));
  const manifest: BackupManifest = {
    format: 'nova-backup',
    version: 1,
    backupKey,
    kind: parent ? 'incremental' : 'full',
    parent: parent ? { backupId: parent.backup.backupId, blobId: parent.backup.blobId } : null,
    createdAt: input.createdAt,
    deviceName: input.deviceName,
    ...input.book,
    packs: used.map((index) => packs[index] ?? { blobId: '', backupKey }),
    files: result.files,
    chunks: encodeChunkTable(result.entries.map((entry) => ({ ...entry, pack: remap.get(entry.pack) ?? 0 }))),
  };
  return { phase: 'packed', manifest, ownPack: remap.get(packs.length - 1) ?? null, cipherBytes: result.cipherBytes, packedBytes: result.packedBytes, uploadId: null, offset: 0 };
}

/** The pack's files and chunk table with the reused media first (their entries as the parent's table has them). */
function withReused(plan: MediaPlan, result: PackResult): PackResult {
  const entries: ChunkEntry[] = [];
  const files: PackResult['files'] = [];
  for (const reused of plan.reused) {
    files.push({ ...reused.file, first: entries.length, count: reused.entries.length });
    entries.push(...reused.entries);
  }
  const shift = entries.length;
  files.push(...result.files.map((file) => ({ ...file, first: file.first + shift })));
  entries.push(...result.entries);
  return { ...result, files, entries };
}
