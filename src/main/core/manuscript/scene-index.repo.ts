import type Database from 'better-sqlite3';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchHit } from '../../../shared/models/search';

/**
 * The FTS5 index over scenes (migration 0001). The scene repository calls it inside the same
 * transaction as every write, so the index never disagrees with the text. Rows are keyed by
 * scene id rather than rowid because rowids of a text-keyed table may change on VACUUM.
 */
export function createSceneIndex(sqlite: Database.Database) {
  const insert = sqlite.prepare('insert into scene_fts (scene_id, project_id, title, body) values (?, ?, ?, ?)');
  const remove = sqlite.prepare('delete from scene_fts where scene_id = ?');
  const search = sqlite.prepare(`
    select s.id as sceneId, s.chapter_id as chapterId, c.title as chapterTitle, s.title as sceneTitle,
           snippet(scene_fts, 3, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) as snippet
    from scene_fts
    join scenes s on s.id = scene_fts.scene_id
    join chapters c on c.id = s.chapter_id
    where scene_fts match ? and scene_fts.project_id = ?
      and s.deleted_at is null and c.deleted_at is null
    order by bm25(scene_fts, 0, 0, 4.0, 1.0)
    limit ?`);

  return {
    /** Replaces the indexed title and text of a scene. */
    put(sceneId: string, projectId: string, title: string, body: string): void {
      remove.run(sceneId);
      insert.run(sceneId, projectId, title, body);
    },
    remove(sceneId: string): void {
      remove.run(sceneId);
    },
    search(projectId: string, query: string, limit: number): SearchHit[] {
      const match = toMatchExpression(query);
      if (match === null) return [];
      return search.all(match, projectId, limit) as SearchHit[];
    },
  };
}

export type SceneIndex = ReturnType<typeof createSceneIndex>;

/**
 * Turns what a person types into a safe FTS5 expression: every word becomes a quoted term
 * (so `"`, `*`, `-`, `NEAR` and column names are just text), all must occur, and the last
 * word also matches as a prefix so results appear while typing. A phrase in double quotes
 * stays a phrase.
 */
export function toMatchExpression(query: string): string | null {
  const terms: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const phrase = match[1] ?? match[2] ?? '';
    const words = phrase.match(/[\p{L}\p{N}\p{M}_']+/gu);
    if (!words) continue;
    terms.push(`"${words.join(' ').replaceAll('"', '""')}"`);
  }
  if (terms.length === 0) return null;
  const lastTerm = terms.at(-1) ?? '';
  const endsInsidePhrase = query.trimEnd().endsWith('"');
  if (!endsInsidePhrase) terms[terms.length - 1] = `${lastTerm}*`;
  return terms.join(' ');
}
