import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { PromptDefinition } from '../../../shared/models/prompts';
import { openDatabase, type AppDatabase } from '../db/connection';
import { sequentialIds } from '../testing/domain-fixture';
import { createPromptHandlers } from './handlers';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from './prompt-loader';
import { createPromptService } from './prompt.service';

/*
 * Issue 6, point 17: a new shipped prompt version never silently replaces the writer's edit. The
 * edit stays in use, the list says an update is available (with a diff), and the shipped version
 * is used only once the writer chooses it. Each "release" is a restart on the same database file.
 */

const shipped = loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER);
const code = (value: string) => expect.objectContaining({ code: value });
const context = { transport: 'direct' } as const;

/** The shipped prompts of a later release: rewrite.yaml at `fileVersion`, with a new closing line. */
const release = (fileVersion: number): PromptDefinition[] =>
  shipped.map((d) => (d.id === 'rewrite' ? { ...d, version: fileVersion, user: `${d.user}\nRelease ${fileVersion}: answer with the passage only.` } : d));

describe('shipped prompt updates over a writer’s edit (real SQLite file, restarts)', () => {
  let root: string;
  let file: string;
  let open: AppDatabase[];
  let time: number;
  const ids = sequentialIds();

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'nova-prompt-updates-'));
    file = path.join(root, 'nova.db');
    open = [];
    time = 1_700_000_000_000;
  });
  afterEach(() => {
    for (const db of open) db.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Starts the app on the database with the prompts of a release. */
  const launch = (definitions: readonly PromptDefinition[] = shipped) => {
    for (const db of open.splice(0)) db.close();
    const database = openDatabase({ file });
    open.push(database);
    time += 1000;
    return createPromptService({ database, clock: { now: () => time }, ids, definitions });
  };
  const summary = (service: ReturnType<typeof launch>) => service.list().find((p) => p.id === 'rewrite');
  const edit = (service: ReturnType<typeof launch>, user: string) =>
    service.edit({ id: 'rewrite', system: service.get('rewrite').definition.system, user, summary: 'My wording' });
  const render = (service: ReturnType<typeof launch>) => service.render('rewrite', { project_title: 'T', selection: 'S' });

  it('keeps the writer’s edit in use, offers the update with a diff, and switches when they choose it', () => {
    let service = launch();
    const mine = edit(service, 'Make this sing: {{selection}}');
    expect(mine.version).toBe(2);

    // The app ships rewrite.yaml version 2.
    service = launch(release(2));
    expect(service.get('rewrite')).toMatchObject({ version: 2, source: 'user' });
    expect(render(service)).toMatchObject({ version: 2, user: 'Make this sing: S' });
    expect(summary(service)).toMatchObject({ activeVersion: 2, latestVersion: 3, customized: true, pinned: false, update: { version: 3, fileVersion: 2 } });
    const diff = service.diff('rewrite', 2, 3);
    expect(diff).toContainEqual({ kind: 'added', field: 'user', text: 'Release 2: answer with the passage only.' });
    expect(diff).toContainEqual({ kind: 'removed', field: 'user', text: 'Make this sing: {{selection}}' });

    // Restarting again changes nothing.
    service = launch(release(2));
    expect(service.get('rewrite').version).toBe(2);

    // The writer chooses the shipped version.
    expect(service.adoptUpdate('rewrite', 3)).toMatchObject({ activeVersion: 3, customized: false, update: null });
    expect(render(service).version).toBe(3);
    expect(service.history('rewrite').audit[0]).toMatchObject({ action: 'adopt', fromVersion: 2, toVersion: 3, summary: 'Switched to the shipped version 3 (file version 2).' });

    // Having chosen the shipped prompts, the next release applies by itself…
    service = launch(release(3));
    expect(summary(service)).toMatchObject({ activeVersion: 4, latestVersion: 4, customized: false, update: null });
    // …until the writer edits again.
    edit(service, 'Once more, mine: {{selection}}');
    service = launch(release(4));
    expect(summary(service)).toMatchObject({ activeVersion: 5, latestVersion: 6, customized: true, update: { version: 6, fileVersion: 4 } });
  });

  it('counts a revert as the writer’s choice, and keeps a pin over any update', () => {
    let service = launch();
    edit(service, 'Mine: {{selection}}');
    service.revert('rewrite', 1);
    service = launch(release(2));
    expect(summary(service)).toMatchObject({ activeVersion: 3, latestVersion: 4, customized: true, update: { version: 4 } });

    service.pin('rewrite', 1);
    service = launch(release(3));
    expect(summary(service)).toMatchObject({ activeVersion: 1, pinned: true, update: { version: 5, fileVersion: 3 } });
    // Choosing the update unpins.
    expect(service.adoptUpdate('rewrite', 5)).toMatchObject({ activeVersion: 5, pinned: false, customized: false, update: null });
  });

  it('lets the writer dismiss an update until a newer one ships', () => {
    let service = launch();
    edit(service, 'Mine: {{selection}}');
    service = launch(release(2));
    expect(service.dismissUpdate('rewrite', 3)).toMatchObject({ activeVersion: 2, customized: true, update: null });
    expect(service.history('rewrite').audit[0]).toMatchObject({ action: 'dismiss', toVersion: 3 });
    service = launch(release(2));
    expect(summary(service)?.update).toBeNull();
    service = launch(release(3));
    expect(summary(service)).toMatchObject({ activeVersion: 2, update: { version: 4, fileVersion: 3 } });
  });

  it('refuses to adopt or dismiss what is not the newest shipped version', () => {
    let service = launch();
    edit(service, 'Mine: {{selection}}');
    service = launch(release(2));
    service = launch(release(3));
    expect(() => service.adoptUpdate('rewrite', 3)).toThrow(code(ErrorCode.CONFLICT));
    expect(() => service.adoptUpdate('rewrite', 3)).toThrow('Version 3 is not the newest shipped version of "rewrite" (version 4 is).');
    expect(() => service.dismissUpdate('rewrite', 2)).toThrow(code(ErrorCode.CONFLICT));
    expect(() => service.adoptUpdate('rewrite', 99)).toThrow(code(ErrorCode.NOT_FOUND));
    // Nothing to adopt when the shipped version is already in use.
    const fresh = launch(release(3));
    expect(() => fresh.adoptUpdate('continue', 1)).toThrow(code(ErrorCode.CONFLICT));
  });

  it('serves prompts.adoptUpdate and prompts.dismissUpdate through the contract', async () => {
    let service = launch();
    edit(service, 'Mine: {{selection}}');
    service = launch(release(2));
    const handlers = createPromptHandlers(service);
    const listed = contract['prompts.list'].output.parse(await handlers['prompts.list']({}, context));
    expect(listed.find((p) => p.id === 'rewrite')?.update).toEqual({ version: 3, fileVersion: 2 });
    const input = contract['prompts.adoptUpdate'].input.parse({ id: 'rewrite', version: 3 });
    const adopted = contract['prompts.adoptUpdate'].output.parse(await handlers['prompts.adoptUpdate'](input, context));
    expect(adopted).toMatchObject({ activeVersion: 3, update: null });
    const dismissInput = contract['prompts.dismissUpdate'].input.parse({ id: 'continue', version: 1 });
    await expect(Promise.resolve().then(() => handlers['prompts.dismissUpdate'](dismissInput, context))).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
  });
});
