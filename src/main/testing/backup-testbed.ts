import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackupCore, startBackupWorld, type BackupCore, type BackupWorld } from './backup-fixture';

export interface BackupTestbed {
  /** This test's endpoint, account and keys (a fresh one per test). */
  readonly world: BackupWorld;
  /** A core backing up to this test's world, disposed after the test. */
  core(options?: Parameters<typeof startBackupCore>[1]): BackupCore;
  /** Disposes a core made some other way after the test; returns it. */
  track(core: BackupCore): BackupCore;
  /** A temporary folder, removed after the test. */
  tempFolder(prefix?: string): string;
  /** Runs `step` after the test; steps run in reverse order of registration. */
  later(step: () => void): void;
}

/**
 * A fresh backup world for each test of the file that calls this at its top, with what the test
 * made (cores, folders, child processes) cleaned up after it, before the world goes (vitest
 * hooks; kept apart from backup-fixture.ts, which the benchmark imports outside vitest).
 */
export function backupTestbed(): BackupTestbed {
  let world: BackupWorld | null = null;
  const steps: Array<() => void> = [];
  beforeEach(async () => {
    world = await startBackupWorld();
  });
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) step();
    await world?.dispose();
    world = null;
  });
  const bed: BackupTestbed = {
    get world() {
      if (!world) throw new Error('the backup world exists only inside a test');
      return world;
    },
    core: (options = {}) => bed.track(startBackupCore(bed.world, options)),
    track(core) {
      steps.push(() => core.t.dispose());
      return core;
    },
    tempFolder(prefix = 'nova-backup-test-') {
      const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
      steps.push(() => rmSync(folder, { recursive: true, force: true }));
      return folder;
    },
    later: (step) => steps.push(step),
  };
  return bed;
}
