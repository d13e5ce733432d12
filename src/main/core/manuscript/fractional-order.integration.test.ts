import { afterEach, describe, expect, it } from 'vitest';
import { createTrashRepo, createTrashService } from '../trash';
import { createFixture, type Fixture } from '../testing/domain-fixture';

/*
 * Sibling order on a real database: a move, an insert, a delete or a restore writes the row it
 * is about and no sibling; two databases changed from the same state ("devices" offline) merge
 * into one order with no collision, the same whichever way they are merged.
 */

type SceneRow = { id: string; chapterId: string; position: string; deletedAt: number | null; title: string };
type ChapterRow = { id: string; projectId: string; position: string; deletedAt: number | null; title: string };

const sceneRows = (fx: Fixture) =>
  fx.database.sqlite.prepare('select id, chapter_id as chapterId, position, deleted_at as deletedAt, title from scenes order by id').all() as SceneRow[];
const chapterRows = (fx: Fixture) =>
  fx.database.sqlite.prepare('select id, project_id as projectId, position, deleted_at as deletedAt, title from chapters order by id').all() as ChapterRow[];

/** The ids of rows that differ between two reads of a table (added, removed or changed). */
function changedIds<T extends { id: string }>(before: readonly T[], after: readonly T[]): string[] {
  const old = new Map(before.map((row) => [row.id, JSON.stringify(row)]));
  const now = new Map(after.map((row) => [row.id, JSON.stringify(row)]));
  return [...new Set([...old.keys(), ...now.keys()])].filter((id) => old.get(id) !== now.get(id)).sort();
}

/** The outline as titles, chapter by chapter, with the ordinals the contract carries. */
const titles = (fx: Fixture, projectId: string) =>
  fx.manuscript.outline(projectId).chapters.map((c) => `${c.position}:${c.title}[${c.scenes.map((s) => `${s.position}:${s.title}`).join(' ')}]`);

let fixtures: Fixture[] = [];
afterEach(() => {
  for (const fx of fixtures) fx.close();
  fixtures = [];
});
const fixture = () => {
  const fx = createFixture();
  fixtures.push(fx);
  return fx;
};

describe('fractional sibling order (real SQLite)', () => {
  it('moves, inserts, deletes and restores in a chapter of 500 scenes each write one scene row', () => {
    const fx = fixture();
    const projectId = fx.addProject();
    const many = fx.manuscript.createChapter({ projectId, title: 'Long', synopsis: '' });
    const other = fx.manuscript.createChapter({ projectId, title: 'Other', synopsis: '' });
    const ids = Array.from({ length: 500 }, (_, i) => fx.manuscript.createScene({ chapterId: many.id, title: `S${i}` }).id);
    const trash = createTrashService({ ...fx, trash: createTrashRepo(fx.database.orm) });

    const step = (work: () => void) => {
      const before = sceneRows(fx);
      const chaptersBefore = chapterRows(fx);
      work();
      expect(changedIds(chaptersBefore, chapterRows(fx))).toEqual([]);
      return changedIds(before, sceneRows(fx));
    };

    expect(step(() => fx.manuscript.moveScene({ id: ids[10] as string, chapterId: many.id, position: 400 }))).toEqual([ids[10]]);
    expect(fx.manuscript.outline(projectId).chapters[0]?.scenes[400]).toMatchObject({ id: ids[10], position: 400 });
    expect(step(() => fx.manuscript.moveScene({ id: ids[499] as string, chapterId: many.id, position: 0 }))).toEqual([ids[499]]);
    expect(step(() => fx.manuscript.moveScene({ id: ids[250] as string, chapterId: other.id, position: 0 }))).toEqual([ids[250]]);
    let created = '';
    const inserted = step(() => {
      created = fx.manuscript.createScene({ chapterId: many.id, title: 'New', position: 250 }).id;
    });
    expect(inserted).toEqual([created]);
    expect(fx.manuscript.outline(projectId).chapters[0]?.scenes[250]?.id).toBe(created);
    expect(step(() => fx.manuscript.deleteScene(ids[100] as string))).toEqual([ids[100]]);
    expect(step(() => trash.restore({ kind: 'scene', id: ids[100] as string }))).toEqual([ids[100]]);
    // Back between the neighbours it had.
    const order = fx.manuscript.outline(projectId).chapters[0]?.scenes.map((s) => s.id) ?? [];
    expect(order.indexOf(ids[100] as string)).toBe(order.indexOf(ids[99] as string) + 1);
    // Moving a scene to where it already is writes nothing.
    expect(step(() => fx.manuscript.moveScene({ id: ids[5] as string, chapterId: many.id, position: order.indexOf(ids[5] as string) }))).toEqual([]);
  });

  it('moves and deletes of chapters write the chapter only', () => {
    const fx = fixture();
    const projectId = fx.addProject();
    const chapters = ['A', 'B', 'C', 'D'].map((title) => fx.addChapter(projectId, title, { [`${title}1`]: 'x' }).chapterId);
    const before = chapterRows(fx);
    fx.manuscript.moveChapter({ id: chapters[3] as string, position: 1 });
    expect(changedIds(before, chapterRows(fx))).toEqual([chapters[3]]);
    const beforeDelete = chapterRows(fx);
    fx.manuscript.deleteChapter(chapters[0] as string);
    expect(changedIds(beforeDelete, chapterRows(fx))).toEqual([chapters[0]]);
    expect(titles(fx, projectId)).toEqual(['0:D[0:D1]', '1:B[0:B1]', '2:C[0:C1]']);
  });

  it('two devices inserting and moving from the same state merge without collision into one order', () => {
    // Two databases built the same way hold the same rows: the same state on two devices.
    const a = fixture();
    const b = fixture();
    const setup = (fx: Fixture) => {
      const projectId = fx.addProject();
      const one = fx.addChapter(projectId, 'One', { S1: 'a', S2: 'b', S3: 'c' });
      const two = fx.addChapter(projectId, 'Two', { T1: 'd' });
      return { projectId, one, two };
    };
    const onA = setup(a);
    const onB = setup(b);
    expect(sceneRows(a)).toEqual(sceneRows(b));
    for (let i = 0; i < 100; i += 1) b.ids.newId(); // Device B's new ids differ from A's.
    const base = { scenes: sceneRows(a), chapters: chapterRows(a) };

    // Offline: both insert a scene between S1 and S2 (the same key), and each moves a different scene.
    a.manuscript.createScene({ chapterId: onA.one.chapterId, title: 'FromA', position: 1 });
    b.manuscript.createScene({ chapterId: onB.one.chapterId, title: 'FromB', position: 1 });
    a.manuscript.moveScene({ id: onA.one.sceneIds[2] as string, chapterId: onA.one.chapterId, position: 0 });
    b.manuscript.moveScene({ id: onB.two.sceneIds[0] as string, chapterId: onB.one.chapterId, position: 2 });
    b.manuscript.createChapter({ projectId: onB.projectId, title: 'Three', synopsis: '', position: 1 });
    a.manuscript.createChapter({ projectId: onA.projectId, title: 'Zero', synopsis: '', position: 1 });
    const fromA = { scenes: sceneRows(a), chapters: chapterRows(a) };
    const fromB = { scenes: sceneRows(b), chapters: chapterRows(b) };
    const keyOf = (fx: Fixture, title: string) => sceneRows(fx).find((row) => row.title === title)?.position;
    expect(keyOf(a, 'FromA')).toBe(keyOf(b, 'FromB'));

    mergeInto(a, base, fromB);
    mergeInto(b, base, fromA);
    expect(titles(a, onA.projectId)).toEqual(titles(b, onB.projectId));
    expect(sceneRows(a)).toEqual(sceneRows(b));
    const merged = a.manuscript.outline(onA.projectId).chapters[0]?.scenes.map((s) => s.title);
    // S3 first (A's move), the two inserts in id order after S1, T1 moved by B after them.
    expect(merged?.[0]).toBe('S3');
    expect(merged?.slice(1, 3)).toEqual(['S1', 'FromA']);
    expect(merged).toEqual(['S3', 'S1', 'FromA', 'FromB', 'T1', 'S2']);

    // A later insert between the two rows sharing a key re-keys the rest of that tie only.
    const before = sceneRows(a);
    const between = a.manuscript.createScene({ chapterId: onA.one.chapterId, title: 'Between', position: 3 }).id;
    const fromBId = before.find((row) => row.title === 'FromB')?.id;
    expect(changedIds(before, sceneRows(a))).toEqual([between, fromBId].sort());
    expect(a.manuscript.outline(onA.projectId).chapters[0]?.scenes.map((s) => s.title)).toEqual(['S3', 'S1', 'FromA', 'Between', 'FromB', 'T1', 'S2']);
  });
});

/**
 * Applies what another device changed since `base` to `fx`: rows it added are inserted, rows it
 * changed take its values. (Per-field clocks decide real conflicts; here each row changed on one side only.)
 */
function mergeInto(fx: Fixture, base: { scenes: SceneRow[]; chapters: ChapterRow[] }, other: { scenes: SceneRow[]; chapters: ChapterRow[] }) {
  const db = fx.database.sqlite;
  const now = 1;
  const oldChapters = new Map(base.chapters.map((row) => [row.id, JSON.stringify(row)]));
  for (const row of other.chapters) {
    if (oldChapters.get(row.id) === JSON.stringify(row)) continue;
    db.prepare(
      `insert into chapters (id, project_id, title, position, deleted_at, created_at, updated_at) values (@id, @projectId, @title, @position, @deletedAt, ${now}, ${now})
       on conflict(id) do update set position = excluded.position, deleted_at = excluded.deleted_at, title = excluded.title`,
    ).run(row);
  }
  const oldScenes = new Map(base.scenes.map((row) => [row.id, JSON.stringify(row)]));
  for (const row of other.scenes) {
    if (oldScenes.get(row.id) === JSON.stringify(row)) continue;
    const projectId = (db.prepare('select project_id from chapters where id = ?').pluck().get(row.chapterId) as string) ?? '';
    db.prepare(
      `insert into scenes (id, project_id, chapter_id, title, position, content, deleted_at, created_at, updated_at)
       values (@id, @projectId, @chapterId, @title, @position, '{"type":"doc","content":[{"type":"paragraph"}]}', @deletedAt, ${now}, ${now})
       on conflict(id) do update set chapter_id = excluded.chapter_id, position = excluded.position, deleted_at = excluded.deleted_at`,
    ).run({ ...row, projectId });
  }
}
