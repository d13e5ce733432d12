import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../db/connection';
import { sequentialIds } from '../testing/domain-fixture';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from './prompt-loader';
import { createPromptService } from './prompt.service';

/*
 * Two devices edit the same prompt offline, from the same state. Their versions are rows with
 * their own ids; merged (each side's rows copied into the other, as sync will), neither
 * collides, both devices number the versions the same way, and pins and audit entries still
 * name the versions they named.
 */

const shipped = loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER);
const T = 1_700_000_000_000;

let root: string;
let open: AppDatabase[] = [];
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-prompt-merge-'));
});
afterEach(() => {
  for (const db of open) db.close();
  open = [];
  rmSync(root, { recursive: true, force: true });
});

/** A device: its own database file, clock and ids (offset so the two never make the same id). */
function device(file: string, idOffset: number) {
  const database = openDatabase({ file });
  open.push(database);
  let time = T;
  const ids = sequentialIds();
  for (let i = 0; i < idOffset; i += 1) ids.newId();
  const service = createPromptService({ database, clock: { now: () => time }, ids, definitions: shipped });
  return { database, service, file, at: (ms: number) => (time = ms) };
}

/** Copies the other device's prompt rows in (append-only rows: a row one side lacks is added). */
function pull(into: AppDatabase, fromFile: string) {
  into.sqlite.prepare('attach database ? as other').run(fromFile);
  into.sqlite.exec(`insert or ignore into prompt_versions select * from other.prompt_versions;
    insert or ignore into prompt_audit select * from other.prompt_audit;
    insert or ignore into prompt_pins select * from other.prompt_pins;`);
  into.sqlite.exec('detach database other');
}

describe('prompt versions edited on two devices (real SQLite)', () => {
  it('merge without collision into one numbering; pins and audit keep naming their versions', () => {
    const baseFile = path.join(root, 'base.db');
    const base = openDatabase({ file: baseFile });
    createPromptService({ database: base, clock: { now: () => T }, ids: sequentialIds(), definitions: shipped });
    base.close();
    copyFileSync(baseFile, path.join(root, 'a.db'));
    copyFileSync(baseFile, path.join(root, 'b.db'));
    const a = device(path.join(root, 'a.db'), 1000);
    const b = device(path.join(root, 'b.db'), 2000);
    const system = a.service.get('rewrite').definition.system;

    // Offline, both make "version 2"; A's edit is the later one, and A pins it.
    b.at(T + 10_000);
    const fromB = b.service.edit({ id: 'rewrite', system, user: 'Rewrite it as B would: {{selection}} {{instruction}}', summary: 'B edit' });
    a.at(T + 20_000);
    const fromA = a.service.edit({ id: 'rewrite', system, user: 'Rewrite it as A would: {{selection}} {{instruction}}', summary: 'A edit' });
    expect([fromA.version, fromB.version]).toEqual([2, 2]);
    a.service.pin('rewrite', 2);

    // Everything each device wrote is in its main file before the other reads it.
    a.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    b.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    pull(a.database, b.file);
    pull(b.database, a.file);

    const numbering = (service: typeof a.service) => service.history('rewrite').versions.map((v) => `${v.version}:${v.hash}`);
    expect(numbering(a.service)).toEqual(numbering(b.service));
    // Ordered by time: B's edit (earlier) is 2, A's is 3 — on both devices.
    expect(a.service.get('rewrite', 2).hash).toBe(fromB.hash);
    expect(a.service.get('rewrite', 3).hash).toBe(fromA.hash);
    // A's pin named A's version, not "number 2": it still does, now numbered 3, on both devices.
    for (const service of [a.service, b.service]) {
      expect(service.get('rewrite').hash).toBe(fromA.hash);
      expect(service.list().find((p) => p.id === 'rewrite')).toMatchObject({ pinned: true, activeVersion: 3, latestVersion: 3 });
    }
    // The audit entries of each edit point at the version each made, renumbered.
    const edits = a.service.history('rewrite').audit.filter((entry) => entry.action === 'edit');
    expect(edits.map((entry) => [entry.summary, entry.toVersion, entry.newHash])).toEqual([
      ['A edit', 3, fromA.hash],
      ['B edit', 2, fromB.hash],
    ]);
  });

  it('gives a shipped version the same id on every device, so two imports are one record', () => {
    const one = device(path.join(root, 'one.db'), 0);
    const two = device(path.join(root, 'two.db'), 5000);
    const idsOf = (db: AppDatabase) => db.sqlite.prepare("select id from prompt_versions where source = 'builtin' order by id").pluck().all();
    expect(idsOf(one.database)).toHaveLength(shipped.length);
    expect(idsOf(one.database)).toEqual(idsOf(two.database));
    expect(idsOf(one.database)[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
