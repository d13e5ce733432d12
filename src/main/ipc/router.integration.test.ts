import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/ipc/contract';
import { Limits } from '../../shared/models/common';
import { MAX_DOCUMENT_DEPTH } from '../../shared/models/document';
import { createTestCore, doc, type TestCore } from '../testing/test-core';

let t: TestCore;
beforeEach(() => {
  t = createTestCore();
});
afterEach(() => t.dispose());

/** Every row of every table, read through a second connection: proves a refused call changed nothing. */
function dumpDatabase(): string {
  const reader = new Database(t.core.info.dbFile, { readonly: true });
  try {
    const tables = reader
      .prepare("select name from sqlite_master where type = 'table' and name not like 'scene_fts_%' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((name) => [name, reader.prepare(`select * from "${name}"`).all()]));
  } finally {
    reader.close();
  }
}

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const huge = 'x'.repeat(Limits.longText + 1);

describe('contract and router', () => {
  it('has exactly one handler per contract method', () => {
    expect(Object.keys(t.core.handlers).sort()).toEqual([...methodNames].sort());
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    expect(await t.raw('project.explode', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await t.raw('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses malformed payloads with a typed error and changes nothing', async () => {
    const project = await t.call('project.create', { title: 'Kept' });
    const outline = await t.call('outline.get', { projectId: project.id });
    const scene = outline.chapters[0]?.scenes[0];
    if (!scene) throw new Error('no scene');
    await t.call('scene.save', { id: scene.id, content: doc('Original words.'), baseRevision: 0 });
    const before = dumpDatabase();

    const bad: Array<[string, unknown, string]> = [
      ['project.create', { title: 42 }, 'INVALID_INPUT'],
      ['project.create', { title: '' }, 'INVALID_INPUT'],
      ['project.create', { title: '   ' }, 'INVALID_INPUT'],
      ['project.create', { title: 'x'.repeat(Limits.title + 1) }, 'INVALID_INPUT'],
      ['project.create', { title: 'ok', description: huge }, 'INVALID_INPUT'],
      ['project.create', { title: 'ok', wordGoal: -5 }, 'INVALID_INPUT'],
      ['project.create', { title: 'ok', status: 'published!' }, 'INVALID_INPUT'],
      ['project.create', { title: 'ok', extra: true }, 'INVALID_INPUT'],
      ['project.create', null, 'INVALID_INPUT'],
      ['project.create', 'a string', 'INVALID_INPUT'],
      ['project.update', { id: 'not-a-uuid', title: 'x' }, 'INVALID_INPUT'],
      ['project.update', { id: MISSING_ID, title: 'x' }, 'NOT_FOUND'],
      ['project.delete', { id: MISSING_ID }, 'NOT_FOUND'],
      ['outline.get', { projectId: MISSING_ID }, 'NOT_FOUND'],
      ['chapter.create', { projectId: MISSING_ID, title: 'x' }, 'NOT_FOUND'],
      ['chapter.move', { id: scene.chapterId, position: -1 }, 'INVALID_INPUT'],
      ['chapter.move', { id: scene.chapterId, position: 1.5 }, 'INVALID_INPUT'],
      ['scene.create', { chapterId: MISSING_ID, title: 'x' }, 'NOT_FOUND'],
      ['scene.get', { id: MISSING_ID }, 'NOT_FOUND'],
      ['scene.save', { id: scene.id, content: 'plain string', baseRevision: 1 }, 'INVALID_INPUT'],
      ['scene.save', { id: scene.id, content: { type: 'paragraph' }, baseRevision: 1 }, 'INVALID_INPUT'],
      ['scene.save', { id: scene.id, content: { type: 'doc', content: [{ type: 'script', text: 'x' }] }, baseRevision: 1 }, 'INVALID_INPUT'],
      ['scene.save', { id: scene.id, content: doc('y'.repeat(Limits.documentBytes)), baseRevision: 1 }, 'SCENE_TOO_LARGE'],
      // A stale revision merges (scene text is a CRDT); one the scene never had cannot.
      ['scene.save', { id: scene.id, content: doc('from the future'), baseRevision: 2 }, 'CONFLICT'],
      ['scene.save', { id: MISSING_ID, content: doc('lost?'), baseRevision: 0 }, 'NOT_FOUND'],
      ['scene.save', { id: scene.id, content: doc('no revision') }, 'INVALID_INPUT'],
      ['scene.move', { id: scene.id, chapterId: MISSING_ID, position: 0 }, 'NOT_FOUND'],
      ['scene.update', { id: scene.id, status: 'done-ish' }, 'INVALID_INPUT'],
      ['codex.create', { projectId: project.id, kind: 'spaceship', name: 'x' }, 'INVALID_INPUT'],
      ['codex.create', { projectId: MISSING_ID, kind: 'character', name: 'x' }, 'NOT_FOUND'],
      ['codex.create', { projectId: project.id, kind: 'character', name: 'x', aliases: 'not a list' }, 'INVALID_INPUT'],
      ['snapshot.create', { scope: 'scene', targetId: MISSING_ID }, 'NOT_FOUND'],
      ['snapshot.restore', { id: MISSING_ID }, 'NOT_FOUND'],
      ['trash.restore', { kind: 'scene', id: MISSING_ID }, 'NOT_FOUND'],
      ['trash.empty', { projectId: project.id }, 'INVALID_INPUT'],
      ['trash.empty', { projectId: project.id, confirm: 'yes' }, 'INVALID_INPUT'],
      ['search.query', { projectId: project.id, query: '' }, 'INVALID_INPUT'],
      ['search.query', { projectId: project.id, query: 'q'.repeat(Limits.query + 1) }, 'INVALID_INPUT'],
      ['export.run', { projectId: project.id, format: 'rtf' }, 'INVALID_INPUT'],
      ['export.run', { projectId: project.id, format: 'pdf', pdf: { style: 'poster' } }, 'INVALID_INPUT'],
      ['project.update', { id: project.id, language: 'not a language' }, 'INVALID_INPUT'],
      ['export.run', { projectId: MISSING_ID, format: 'markdown' }, 'NOT_FOUND'],
      ['prefs.update', { theme: 'neon' }, 'INVALID_INPUT'],
    ];
    for (const [method, input, code] of bad) {
      const result = await t.raw(method, input);
      expect(result, `${method} ${JSON.stringify(input)?.slice(0, 80)}`).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) {
        expect(result.error.message.length).toBeGreaterThan(10);
        expect(result.error.message).not.toMatch(/\n\s+at /); // no stack trace
      }
    }
    expect(dumpDatabase()).toBe(before);
  });

  it('names the offending field in an input error', async () => {
    const result = await t.raw('project.create', { title: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain('title');
  });

  it('refuses a document nested 800 levels deep with INVALID_INPUT instead of overflowing the stack', async () => {
    const project = await t.call('project.create', { title: 'Deep' });
    const scene = (await t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0];
    if (!scene) throw new Error('no scene');
    let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
    for (let i = 0; i < 800; i += 1) node = { type: 'blockquote', content: [node] };
    const result = await t.raw('scene.save', { id: scene.id, content: { type: 'doc', content: [node] }, baseRevision: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain(`nested at most ${MAX_DOCUMENT_DEPTH} levels`);
    expect((await t.call('scene.get', { id: scene.id })).revision).toBe(0);
  });

  it('answers INTERNAL when parsing the input itself throws, rather than rejecting', async () => {
    const hostile = {
      get title(): string {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const result = await t.raw('project.create', hostile);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
  });
});
