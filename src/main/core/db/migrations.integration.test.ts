import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateNKeysBetween } from 'fractional-indexing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase } from './connection';

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations: "the previous release". */
function migrationsUpTo(count: number): string {
  const folder = path.join(dir, `migrations-${count}`);
  cpSync(DEFAULT_MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const journal = JSON.parse(readFileSync(path.join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;

/** How many migrations a release had applied before 0006 rebuilt the search index from the scenes. */
const REBUILT_SEARCH_AT = journal.entries.findIndex((entry) => entry.tag === '0006_search_by_project');

describe('migrations', () => {
  it('build the whole schema on an empty database, with sqlite-vec loaded', () => {
    const database = openDatabase({ file: path.join(dir, 'empty.db') });
    const tables = database.sqlite.prepare("select name from sqlite_master where type in ('table') order by name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['projects', 'chapters', 'scenes', 'codex_entries', 'snapshots', 'settings', 'scene_fts']));
    expect(database.vecVersion).toMatch(/^v\d+\.\d+/);
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    database.close();
  });

  it.each(journal.entries.slice(0, -1).map((entry, index) => [entry.tag, index + 1]))(
    'upgrade a database made by the release ending at %s and keep its data',
    (_tag, applied) => {
      const file = path.join(dir, `release-${applied}.db`);
      const previous = openDatabase({ file, migrationsFolder: migrationsUpTo(applied) });
      const now = Date.now();
      previous.sqlite
        .prepare('insert into projects (id, title, created_at, updated_at) values (?, ?, ?, ?)')
        .run('11111111-1111-4111-8111-111111111111', 'Old novel', now, now);
      previous.sqlite
        .prepare('insert into chapters (id, project_id, title, position, created_at, updated_at) values (?, ?, ?, 0, ?, ?)')
        .run('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', 'One', now, now);
      previous.sqlite
        .prepare(
          `insert into scenes (id, project_id, chapter_id, title, position, content, plain_text, word_count, created_at, updated_at)
           values (?, ?, ?, 'S', 0, '{"type":"doc"}', 'a forgotten lighthouse', 3, ?, ?)`,
        )
        .run('33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', now, now);
      previous.close();

      const current = openDatabase({ file });
      expect(current.sqlite.prepare('select title from projects').pluck().get()).toBe('Old novel');
      expect(current.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
      const tables = current.sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['scene_fts', 'chat_messages', 'prompt_versions', 'llm_calls']));
      // Scenes of every release before 0006 are in the search index, under their project (0006
      // rebuilds it from the scenes). From 0006 on the scene repo writes the index itself, so a
      // scene inserted here by hand is not in it — nothing to check for those releases.
      if (applied > REBUILT_SEARCH_AT) return;
      expect(
        current.sqlite.prepare("select scene_id from scene_fts where scene_fts match 'project : p11111111111141118111111111111111 AND lighthouse'").pluck().all(),
      ).toEqual(['33333333-3333-4333-8333-333333333333']);
      expect(current.sqlite.prepare("select doc from scene_fts_terms where term = 'lighthouse'").pluck().get()).toBe(1);
      current.close();
    },
  );

  it('turn integer positions, prompt version numbers and chat seqs into order keys that keep every order and reference', () => {
    const at = journal.entries.findIndex((entry) => entry.tag.endsWith('_fractional_order'));
    const file = path.join(dir, 'before-order-keys.db');
    const previous = openDatabase({ file, migrationsFolder: migrationsUpTo(at) });
    const db = previous.sqlite;
    const project = '11111111-1111-4111-8111-111111111111';
    db.prepare('insert into projects (id, title, created_at, updated_at) values (?, ?, 1, 1)').run(project, 'Old novel');
    // Chapter positions as the old code left them: dense among the live ones, a trashed one sharing a number, ids not in order.
    const chapterRows: Array<[string, number, number | null]> = [['c-z', 0, null], ['c-a', 1, null], ['c-trashed', 1, 5], ['c-m', 2, null]];
    for (const [id, position, deletedAt] of chapterRows) {
      db.prepare('insert into chapters (id, project_id, title, position, deleted_at, created_at, updated_at) values (?, ?, ?, ?, ?, 1, 1)').run(id, project, id, position, deletedAt);
    }
    // 70 scenes in one chapter: past the 62 one-digit keys.
    const sceneIds = Array.from({ length: 70 }, (_, i) => `s-${(997 * i) % 70}-${i}`);
    sceneIds.forEach((id, position) => {
      db.prepare(
        `insert into scenes (id, project_id, chapter_id, title, position, content, created_at, updated_at) values (?, ?, 'c-z', ?, ?, '{"type":"doc"}', 1, 1)`,
      ).run(id, project, id, position);
    });
    // A row hanging off a scene: a table rebuild would cascade-delete it.
    db.prepare("insert into codex_entries (id, project_id, kind, name, created_at, updated_at) values ('x1', ?, 'character', 'Mara', 1, 1)").run(project);
    db.prepare(
      "insert into continuity_facts (id, project_id, scene_id, entry_id, entity_name, attribute, value, quote, created_at) values ('f1', ?, ?, 'x1', 'Mara', 'eyes', 'grey', 'grey eyes', 1)",
    ).run(project, sceneIds[3]);
    // Prompt versions whose times go back (a clock change) while the numbers go on.
    const versions: Array<[string, number, number]> = [['v-c', 1, 300], ['v-a', 2, 100], ['v-b', 3, 200]];
    for (const [id, version, createdAt] of versions) {
      db.prepare("insert into prompt_versions (id, prompt_id, version, definition, hash, source, created_at) values (?, 'chat', ?, '{}', ?, 'user', ?)").run(id, version, `h${version}`, createdAt);
    }
    db.prepare("insert into prompt_pins (prompt_id, version, pinned_at) values ('chat', 2, 1)").run();
    db.prepare("insert into prompt_pins (prompt_id, version, pinned_at) values ('gone', 9, 1)").run();
    db.prepare("insert into prompt_update_choices (prompt_id, adopted_version, dismissed_version, updated_at) values ('chat', 3, null, 1)").run();
    db.prepare("insert into prompt_audit (id, prompt_id, action, from_version, to_version, at) values ('a1', 'chat', 'edit', 1, 2, 1)").run();
    db.prepare("insert into prompt_audit (id, prompt_id, action, from_version, to_version, at) values ('a2', 'chat', 'import', null, 1, 1)").run();
    db.prepare("insert into chat_sessions (id, project_id, title, created_at, updated_at) values ('chat-1', ?, 'T', 1, 1)").run(project);
    const messages: Array<[string, number, number]> = [['m-q', 0, 50], ['m-b', 1, 40], ['m-a', 2, 40]];
    for (const [id, seq, createdAt] of messages) {
      db.prepare("insert into chat_messages (id, session_id, seq, role, status, created_at) values (?, 'chat-1', ?, 'user', 'complete', ?)").run(id, seq, createdAt);
    }
    previous.close();

    const current = openDatabase({ file });
    const all = (query: string, ...params: unknown[]) => current.sqlite.prepare(query).pluck().all(...params);
    expect(all('select id from chapters where deleted_at is null order by position, id')).toEqual(['c-z', 'c-a', 'c-m']);
    expect(all("select position from chapters where id in ('c-a', 'c-trashed')")).toEqual(['a1', 'a1']);
    expect(all("select id from scenes where chapter_id = 'c-z' order by position, id")).toEqual(sceneIds);
    expect(all("select position from scenes where chapter_id = 'c-z' order by position, id")).toEqual(generateNKeysBetween(null, null, 70));
    expect(all("select id from prompt_versions where prompt_id = 'chat' order by sort_key, id")).toEqual(['v-c', 'v-a', 'v-b']);
    expect(current.sqlite.prepare('select prompt_id as promptId, version_id as versionId from prompt_pins').all()).toEqual([{ promptId: 'chat', versionId: 'v-a' }]);
    expect(current.sqlite.prepare('select adopted_version_id as adopted, dismissed_version_id as dismissed from prompt_update_choices').get()).toEqual({ adopted: 'v-b', dismissed: null });
    expect(current.sqlite.prepare('select id, from_version_id as fromId, to_version_id as toId from prompt_audit order by id').all()).toEqual([
      { id: 'a1', fromId: 'v-c', toId: 'v-a' },
      { id: 'a2', fromId: null, toId: 'v-c' },
    ]);
    expect(all("select id from chat_messages where session_id = 'chat-1' order by sort_key, id")).toEqual(['m-q', 'm-b', 'm-a']);
    expect(all('select id from continuity_facts')).toEqual(['f1']);
    expect(current.sqlite.pragma('foreign_key_check')).toEqual([]);
    current.close();
  });

  it('roll back a failing migration completely', () => {
    const folder = migrationsUpTo(journal.entries.length);
    const last = journal.entries.at(-1);
    if (!last) throw new Error('no migrations');
    writeFileSync(path.join(folder, `${last.tag}.sql`), 'create table half_done (x int);\n--> statement-breakpoint\nthis is not sql;');
    const file = path.join(dir, 'broken.db');
    expect(() => openDatabase({ file, migrationsFolder: folder })).toThrow(/migration failed/);
    const check = new Database(file);
    expect(check.prepare("select count(*) from sqlite_master where name in ('half_done', 'projects')").pluck().get()).toBe(0);
    check.close();
  });
});
