import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job } from '../../shared/models/jobs';
import { scanStoredBytes, type CanaryHit } from '../../cloud/testing/canary-scan';
import { startTestCloud, type TestCloud } from '../../cloud/testing/cloud-test-server';
import type { Clock } from '../core/platform/clock';
import { silentLogger } from '../core/platform/logger';
import {
  createHttpBackupTransport,
  createKeyringService,
  loadSodium,
  MIN_KDF,
  type BackupService,
  type BackupTransport,
  type Keyring,
  type SodiumPort,
  type StartHashWorker,
} from '../core/sync';
import { createTestCore, doc, type TestCore } from './test-core';

/** A cloud account with a real endpoint, libsodium and an unlocked keyring. */
export interface BackupWorld {
  cloud: TestCloud;
  token: string;
  accountId: string;
  sodium: SodiumPort;
  keyring: Keyring;
  http: BackupTransport;
  dispose(): Promise<void>;
}

export async function startBackupWorld(): Promise<BackupWorld> {
  const cloud = await startTestCloud();
  const session = await cloud.signUp();
  const sodium = await loadSodium({ logger: silentLogger() });
  const { keyring } = await createKeyringService({ sodium, kdf: MIN_KDF }).createKeyring('a long test passphrase');
  const http = createHttpBackupTransport({ serverUrl: cloud.url, token: () => session.token });
  return { cloud, token: session.token, accountId: session.accountId, sodium, keyring, http, dispose: () => cloud.dispose() };
}

export interface BackupCore {
  t: TestCore;
  service: BackupService;
  /** Resolves when the job ends; throws with its error when it did not succeed. */
  finish(jobId: string): Promise<Job>;
}

/** A real core on `dataDir` (a new temp folder by default) whose backups use this world's endpoint and keyring instead of a sync session. */
export function startBackupCore(world: BackupWorld, options: { dataDir?: string; transport?: BackupTransport; keyring?: Keyring; uploadPieceBytes?: number; startHashWorker?: StartHashWorker | null; clock?: Clock } = {}): BackupCore {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'nova-backup-'));
  const t = createTestCore({
    dataDir,
    config: {
      ...(options.clock && { clock: options.clock }),
      syncBackup: {
        sodium: world.sodium,
        keys: { keyring: () => options.keyring ?? world.keyring },
        transport: () => options.transport ?? world.http,
        deviceName: () => 'Test laptop',
        ...(options.uploadPieceBytes !== undefined && { uploadPieceBytes: options.uploadPieceBytes }),
        ...(options.startHashWorker !== undefined && { startHashWorker: options.startHashWorker }),
      },
    },
  });
  const service = t.core.services.backups;
  if (!service) throw new Error('the core made no backup service');
  return {
    t,
    service,
    async finish(jobId) {
      return t.core.services.jobs.whenFinished(jobId);
    },
  };
}

/** Bytes of every blob the endpoint stores for the account (its folder store on disk). */
export function storedBlobBytes(world: BackupWorld): number {
  const root = path.join(world.cloud.dataDir, 'blobs', 'blobs', world.accountId);
  try {
    return readdirSync(root).reduce((sum, name) => sum + statSync(path.join(root, name)).size, 0);
  } catch {
    return 0;
  }
}

/** Every stored byte of the endpoint (database, blobs, uploads) searched for each needle. */
export function scanServer(world: BackupWorld, needles: readonly string[]): CanaryHit[] {
  return scanStoredBytes(world.cloud.dataDir, needles);
}

/** The file of one stored blob on the endpoint's disk. */
export function storedBlobFile(world: BackupWorld, blobId: string): string {
  return path.join(world.cloud.dataDir, 'blobs', 'blobs', world.accountId, blobId);
}

/** A book with a scene, a codex entry and two media files (one over a chunk). */
export async function writeBook(t: TestCore, marker = 'lighthouse') {
  const project = await t.call('project.create', { title: `The ${marker} keeper` });
  const sceneId = (await t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id as string;
  await t.call('scene.save', { id: sceneId, content: doc(`The ${marker} turned all night.`, 'Mara counted the ships.'), baseRevision: 0 });
  await t.call('codex.create', { projectId: project.id, kind: 'character', name: `Mara of the ${marker}` });
  const assets = path.join(t.dataDir, 'media', 'assets', project.id);
  mkdirSync(assets, { recursive: true });
  writeFileSync(path.join(assets, 'cover.png'), randomBytes(700 * 1024));
  writeFileSync(path.join(assets, 'theme.mp3'), randomBytes(90 * 1024));
  return { projectId: project.id, sceneId };
}

/** What a restore must bring back identically. */
export async function bookOf(t: TestCore, projectId: string) {
  const outline = await t.call('outline.get', { projectId });
  const scenes = await Promise.all(outline.chapters.flatMap((chapter) => chapter.scenes).map((scene) => t.call('scene.get', { id: scene.id })));
  const codex = await t.call('codex.list', { projectId });
  return {
    title: (await t.call('project.get', { id: projectId })).title,
    scenes: scenes.map((scene) => ({ id: scene.id, title: scene.title, content: scene.content })),
    codex: codex.map((entry) => ({ id: entry.id, name: entry.name, kind: entry.kind })),
  };
}

/** The two media files of {@link writeBook}, base64. */
export const mediaOf = (dataDir: string, projectId: string) =>
  ['cover.png', 'theme.mp3'].map((name) => readFileSync(path.join(dataDir, 'media', 'assets', projectId, name)).toString('base64'));

