import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { PromptDefinition } from '../../../shared/models/prompts';
import { openDatabase, type AppDatabase } from '../db/connection';
import { sequentialIds } from '../testing/domain-fixture';
import { createPromptHandlers } from './handlers';
import { hashDefinition } from './prompt-checks';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from './prompt-loader';
import { createPromptService, type PromptService } from './prompt.service';

const shipped = loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER);
const code = (value: string) => expect.objectContaining({ code: value });
const context = { transport: 'direct' } as const;

describe('prompt registry (real SQLite)', () => {
  let database: AppDatabase;
  let time: number;
  const clock = { now: () => time };
  const ids = sequentialIds();
  const start = (definitions: readonly PromptDefinition[] = shipped, db: AppDatabase = database) =>
    createPromptService({ database: db, clock, ids, definitions });
  let service: PromptService;

  beforeEach(() => {
    time = 1_700_000_000_000;
    database = openDatabase({ file: ':memory:' });
    service = start();
  });
  afterEach(() => database.close());

  const tick = () => (time += 1000);
  const countRows = (table: string) => (database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const rewrite = () => service.get('rewrite');
  const editRewrite = (user: string, summary = 'Tighter wording') => service.edit({ id: 'rewrite', system: rewrite().definition.system, user, summary });

  it('imports every shipped prompt once as a builtin version 1, audited', () => {
    expect(service.list().map((p) => [p.id, p.activeVersion, p.latestVersion, p.pinned])).toEqual(shipped.map((d) => [d.id, 1, 1, false]));
    expect(service.list().find((p) => p.id === 'summarize-scene')).toMatchObject({ locked: true, taskClass: 'structured' });
    const version = service.get('continue');
    expect(version).toMatchObject({ promptId: 'continue', version: 1, source: 'builtin', createdAt: time });
    expect(version.hash).toBe(hashDefinition(shipped.find((d) => d.id === 'continue') as PromptDefinition));
    expect(service.history('continue').audit).toEqual([
      { action: 'import', fromVersion: null, toVersion: 1, oldHash: null, newHash: version.hash, summary: expect.stringContaining(`file version ${shipped.find((d) => d.id === 'continue')?.version}`), at: time },
    ]);
  });

  it('is idempotent across restarts, and imports a changed shipped prompt as a new version', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'nova-registry-'));
    try {
      const file = path.join(root, 'nova.db');
      let db = openDatabase({ file });
      start(shipped, db);
      db.close();
      db = openDatabase({ file });
      const again = start(shipped, db);
      expect(again.list().every((p) => p.latestVersion === 1)).toBe(true);
      expect((db.sqlite.prepare('select count(*) as n from prompt_versions').get() as { n: number }).n).toBe(shipped.length);
      expect((db.sqlite.prepare('select count(*) as n from prompt_audit').get() as { n: number }).n).toBe(shipped.length);
      db.close();

      // A release ships the next version of continue.yaml.
      tick();
      const fileVersion = (shipped.find((d) => d.id === 'continue')?.version ?? 0) + 1;
      const updated = shipped.map((d) => (d.id === 'continue' ? { ...d, version: fileVersion, user: `${d.user}\nKeep it short.` } : d));
      db = openDatabase({ file });
      const next = start(updated, db);
      expect(next.get('continue')).toMatchObject({ version: 2, source: 'builtin', definition: { version: fileVersion } });
      expect(next.history('continue').audit[0]).toMatchObject({ action: 'import', fromVersion: 1, toVersion: 2, oldHash: next.get('continue', 1).hash });
      expect(next.get('rewrite').version).toBe(1);
      db.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('saves an edit as a new user version with an audit entry of old and new hash', () => {
    const before = rewrite();
    tick();
    const edited = editRewrite('{{selection}}\n\nRewrite it for {{project_title}}.');
    expect(edited).toMatchObject({ promptId: 'rewrite', version: 2, source: 'user', createdAt: time });
    expect(edited.definition).toMatchObject({ ...before.definition, user: '{{selection}}\n\nRewrite it for {{project_title}}.' });
    expect(edited.hash).not.toBe(before.hash);
    expect(service.list().find((p) => p.id === 'rewrite')).toMatchObject({ activeVersion: 2, latestVersion: 2 });
    const history = service.history('rewrite');
    expect(history.versions.map((v) => [v.version, v.source])).toEqual([
      [2, 'user'],
      [1, 'builtin'],
    ]);
    expect(history.audit[0]).toEqual({ action: 'edit', fromVersion: 1, toVersion: 2, oldHash: before.hash, newHash: edited.hash, summary: 'Tighter wording', at: time });
  });

  it('refuses edits that use undeclared variables, are malformed or change nothing', () => {
    expect(() => editRewrite('{{selection}} {{mood}}')).toThrow(code(ErrorCode.INVALID_INPUT));
    expect(() => editRewrite('{{selection}} {{mood}}')).toThrow('user: uses {{mood}} which is not declared in variables');
    expect(() => editRewrite('{{#if tone}}{{selection}}')).toThrow('user: {{#if tone}} is never closed');
    expect(() => editRewrite(rewrite().definition.user)).toThrow('This edit changes nothing');
    // Dropping an optional variable is the writer's choice.
    expect(editRewrite('Rewrite: {{selection}}').version).toBe(2);
    expect(countRows('prompt_versions')).toBe(shipped.length + 1);
  });

  it('refuses to edit, revert or pin a locked prompt, and unknown prompts or versions', () => {
    const locked = service.get('summarize-scene');
    const attempt = { id: 'summarize-scene', system: locked.definition.system, user: 'Summarise {{scene_text}}', summary: 'shorter' };
    expect(() => service.edit(attempt)).toThrow(code(ErrorCode.LOCKED));
    expect(() => service.revert('summarize-scene', 1)).toThrow(code(ErrorCode.LOCKED));
    expect(() => service.pin('summarize-scene', 1)).toThrow(code(ErrorCode.LOCKED));
    expect(service.pin('summarize-scene', null).pinned).toBe(false);
    expect(service.history('summarize-scene').versions).toHaveLength(1);

    expect(() => service.get('no-such-prompt')).toThrow(code(ErrorCode.NOT_FOUND));
    expect(() => service.get('rewrite', 9)).toThrow(code(ErrorCode.NOT_FOUND));
    expect(() => service.pin('rewrite', 9)).toThrow(code(ErrorCode.NOT_FOUND));
    expect(() => service.diff('rewrite', 1, 9)).toThrow(code(ErrorCode.NOT_FOUND));
  });

  it('diffs the templates of two versions line by line', () => {
    const original = rewrite().definition.user;
    const lines = original.trimEnd().split('\n');
    const changed = [...lines.slice(0, -1), 'Answer with the passage only.', lines.at(-1)].join('\n').replace('The passage to rewrite:', 'The passage:');
    editRewrite(changed);
    const rows = service.diff('rewrite', 1, 2);
    expect(rows.filter((r) => r.field === 'system').every((r) => r.kind === 'same')).toBe(true);
    expect(rows.filter((r) => r.kind !== 'same')).toEqual([
      { kind: 'removed', field: 'user', text: 'The passage to rewrite:' },
      { kind: 'added', field: 'user', text: 'The passage:' },
      { kind: 'added', field: 'user', text: 'Answer with the passage only.' },
    ]);
    // Line counts add up: every old line is same or removed, every new line same or added.
    expect(rows.filter((r) => r.field === 'user' && r.kind !== 'added')).toHaveLength(lines.length);
    expect(service.diff('rewrite', 2, 1).filter((r) => r.kind === 'removed').map((r) => r.text)).toEqual(['The passage:', 'Answer with the passage only.']);
  });

  it('pins and unpins the active version, audited; an edit made while pinned takes over', () => {
    editRewrite('v2 {{selection}}');
    tick();
    let summary = service.pin('rewrite', 1);
    expect(summary).toMatchObject({ activeVersion: 1, latestVersion: 2, pinned: true });
    expect(service.get('rewrite').version).toBe(1);
    expect(service.render('rewrite', { project_title: 'T', selection: 'S' }).version).toBe(1);
    expect(service.history('rewrite').audit[0]).toMatchObject({ action: 'pin', fromVersion: 2, toVersion: 1, summary: 'Pinned version 1.', at: time });

    summary = service.pin('rewrite', null);
    expect(summary).toMatchObject({ activeVersion: 2, pinned: false });
    expect(service.history('rewrite').audit[0]).toMatchObject({ action: 'unpin', fromVersion: 1, toVersion: 2 });

    service.pin('rewrite', 1);
    const edited = editRewrite('v3 {{selection}}');
    expect(service.list().find((p) => p.id === 'rewrite')).toMatchObject({ activeVersion: 3, pinned: false });
    expect(edited.definition.user).toBe('v3 {{selection}}');
    expect(service.history('rewrite').audit.slice(0, 2).map((a) => a.action)).toEqual(['unpin', 'edit']);
    expect(service.history('rewrite').audit[1]).toMatchObject({ fromVersion: 1, toVersion: 3 });
  });

  it('reverts to an older version as a new version, audited', () => {
    const original = rewrite();
    const edited = editRewrite('v2 {{selection}}');
    tick();
    const reverted = service.revert('rewrite', 1);
    expect(reverted).toMatchObject({ version: 3, source: 'user', hash: original.hash, definition: original.definition });
    expect(service.get('rewrite').version).toBe(3);
    expect(service.history('rewrite').audit[0]).toEqual({
      action: 'revert',
      fromVersion: 2,
      toVersion: 3,
      oldHash: edited.hash,
      newHash: original.hash,
      summary: 'Reverted to version 1.',
      at: time,
    });
    expect(() => service.revert('rewrite', 1)).toThrow(code(ErrorCode.INVALID_INPUT));
    // Restarting with the same shipped file does not re-import it: its hash is known.
    start();
    expect(service.get('rewrite').version).toBe(3);
  });

  it('renders the active version, filling variables and rejecting missing required ones', () => {
    const rendered = service.render('rewrite', {
      project_title: 'The Salt Road',
      genre: 'fantasy',
      selection: 'Ana waited by the gate.',
      instruction: 'make it tenser',
      unrelated: 'ignored',
    });
    expect(rendered).toMatchObject({ version: 1, taskClass: 'rewrite', temperature: 0.7, maxTokens: 1500, definition: { id: 'rewrite' } });
    expect(rendered.outputSchema).toBeUndefined();
    expect(service.render('brainstorm', { project_title: 'T' }).outputSchema).toMatchObject({ required: ['ideas'] });
    expect(rendered.system).toContain('The book: "The Salt Road"\nGenre: fantasy');
    expect(rendered.system).not.toContain('Tone:');
    expect(rendered.user).toContain('<passage>\nAna waited by the gate.\n</passage>');
    expect(rendered.user).toContain('Rewrite it following this direction: make it tenser');
    expect(rendered.user).not.toContain('<context>');

    expect(() => service.render('rewrite', { project_title: 'T' })).toThrow(code(ErrorCode.INVALID_INPUT));
    expect(() => service.render('rewrite', { project_title: 'T', selection: '  ' })).toThrow('The prompt "rewrite" needs {{selection}} (The passage to rewrite.), which was not given.');
    expect(() => service.render('chat', {})).toThrow(/needs \{\{project_title\}\} \(The novel's title\.\), \{\{message\}\} \(The writer's message\.\), which were not given/);
  });

  it('serves the contract through its handlers', async () => {
    const handlers = createPromptHandlers(service);
    expect(await handlers['prompts.list']({}, context)).toHaveLength(shipped.length);
    const edited = await handlers['prompts.edit']({ id: 'expand', system: service.get('expand').definition.system, user: 'More: {{selection}}', summary: 'short' }, context);
    expect(edited.version).toBe(2);
    expect((await handlers['prompts.get']({ id: 'expand', version: 1 }, context)).version).toBe(1);
    expect((await handlers['prompts.history']({ id: 'expand' }, context)).versions).toHaveLength(2);
    expect((await handlers['prompts.diff']({ id: 'expand', from: 1, to: 2 }, context)).some((r) => r.kind === 'added')).toBe(true);
    expect(await handlers['prompts.pin']({ id: 'expand', version: 1 }, context)).toMatchObject({ activeVersion: 1, pinned: true });
    expect((await handlers['prompts.revert']({ id: 'expand', version: 1 }, context)).version).toBe(3);
  });
});
