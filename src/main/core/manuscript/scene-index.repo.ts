import type Database from 'better-sqlite3';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchHit } from '../../../shared/models/search';

/**
 * The FTS5 index over scenes (migrations 0001 and 0003). The scene repository calls it inside
 * the same transaction as every write, so the index never disagrees with the text. Rows are
 * keyed by scene id rather than rowid because rowids of a text-keyed table may change on
 * VACUUM. Each row carries its project as a token ({@link projectToken}), and every query is
 * scoped by it inside the index ({@link scopedToProject}), so a search reads one project's rows.
 */
export function createSceneIndex(sqlite: Database.Database) {
  const insert = sqlite.prepare('insert into scene_fts (scene_id, project, title, body) values (?, ?, ?, ?)');
  const remove = sqlite.prepare('delete from scene_fts where scene_id = ?');
  const scenesWithTerm = sqlite.prepare<[string], number>('select doc from scene_fts_terms where term = ?').pluck();
  const live = `join scenes s on s.id = scene_fts.scene_id join chapters c on c.id = s.chapter_id
    where scene_fts match @match and s.deleted_at is null and c.deleted_at is null`;
  const ranked = sqlite.prepare<{ match: string; limit: number }, number>(
    `select scene_fts.rowid from scene_fts ${live} order by bm25(scene_fts, 0, 0, 4.0, 1.0) limit @limit`,
  ).pluck();
  // A passage is found without ranking: bm25 would first match the phrase over every project's rows to weigh it.
  const exact = sqlite.prepare<{ match: string; limit: number }, number>(`select scene_fts.rowid from scene_fts ${live} limit @limit`).pluck();
  // Snippets only for the rows shown, in the order given: each snippet is a pass over a scene's text.
  const hits = sqlite.prepare<{ match: string; rows: string }, SearchHit>(
    `with shown as (select value as row, key as place from json_each(@rows))
     select s.id as sceneId, s.chapter_id as chapterId, c.title as chapterTitle, s.title as sceneTitle,
            snippet(scene_fts, 3, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) as snippet
     from shown
     join scene_fts on scene_fts.rowid = shown.row
     join scenes s on s.id = scene_fts.scene_id
     join chapters c on c.id = s.chapter_id
     where scene_fts match @match
     order by shown.place`,
  );

  return {
    /** Replaces the indexed title and text of a scene. */
    put(sceneId: string, projectId: string, title: string, body: string): void {
      remove.run(sceneId);
      insert.run(sceneId, projectToken(projectId), title, body);
    },
    remove(sceneId: string): void {
      remove.run(sceneId);
    },
    search(projectId: string, query: string, limit: number): SearchHit[] {
      const plan = planSearch(query, (term) => scenesWithTerm.get(term));
      if (plan === null) return [];
      const scoped = (expression: string) => scopedToProject(projectId, expression);
      const first = plan.exact === null ? [] : exact.all({ match: scoped(plan.exact), limit });
      const rest = ranked.all({ match: scoped(plan.ranked), limit: limit + first.length });
      const rows = [...new Set([...first, ...rest])].slice(0, limit);
      if (rows.length === 0) return [];
      return hits.all({ match: scoped(plan.highlight), rows: JSON.stringify(rows) });
    },
  };
}

export type SceneIndex = ReturnType<typeof createSceneIndex>;

/** The token a project's rows carry in the index: "p" and the id's letters and digits (one token for the tokenizer). */
export function projectToken(projectId: string): string {
  return `p${projectId.replace(/[^0-9A-Za-z]/g, '').toLowerCase()}`;
}

/** Limits `expression` to one project's rows, and its words to titles and text (never the project column). */
export function scopedToProject(projectId: string, expression: string): string {
  return `project : ${projectToken(projectId)} AND {title body} : (${expression})`;
}

/**
 * A query with more different words than this is a pasted passage: it is searched as the
 * passage itself or its rarest words, rather than as that many words each required.
 */
export const LONG_QUERY_TERMS = 8;

/** In how many scenes a word (as the index folds it) occurs; undefined when the index does not know it. */
export type TermFrequency = (term: string) => number | undefined;

interface QueryPart {
  words: string[];
  /** Typed in double quotes: a phrase that must occur. */
  quoted: boolean;
}

/** Splits a query into its parts: each quoted phrase, and each run of text between spaces, as its words. */
function parseQuery(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const words = (match[1] ?? match[2] ?? '').match(/[\p{L}\p{N}\p{M}_']+/gu);
    if (words) parts.push({ words, quoted: match[1] !== undefined });
  }
  return parts;
}

/** A phrase in FTS5 syntax: quoted, so `"`, `*`, `-`, `NEAR` and column names are just text. */
const phrase = (words: readonly string[]) => `"${words.join(' ').replaceAll('"', '""')}"`;

/** A word as the index stores it (unicode61 with remove_diacritics 2): lower case, without accents. */
export function foldTerm(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** How a query is run: FTS5 expressions, each safe to pass to MATCH (scoped by {@link scopedToProject}). */
export interface SearchPlan {
  /** Ranked by bm25: every word of a short query, or the rarest words of a long one. */
  ranked: string;
  /** A long query: the passage itself as a phrase; scenes holding it are listed first. */
  exact: string | null;
  /** What the snippets mark. */
  highlight: string;
}

/**
 * Turns what a person types into safe FTS5 expressions: every word is quoted, so `"`, `*`,
 * `-`, `NEAR` and column names are just text.
 *
 * Up to {@link LONG_QUERY_TERMS} different words: every word must occur, and the last one also
 * matches as a prefix so results appear while typing; a phrase in double quotes stays a phrase.
 *
 * More (a sentence or a paragraph pasted in): scenes holding the passage come first, then
 * scenes holding its {@link LONG_QUERY_TERMS} rarest words (by `frequency`; words the index
 * does not know, such as a typo, come last), ranked. The search then reads a few rare words'
 * rows instead of every word's.
 */
export function planSearch(query: string, frequency: TermFrequency = () => undefined): SearchPlan | null {
  const parts = parseQuery(query);
  if (parts.length === 0) return null;
  const loose = parts.filter((part) => !part.quoted);
  const distinct = new Map<string, string[]>();
  for (const part of loose) distinct.set(part.words.map(foldTerm).join(' '), part.words);

  if (distinct.size <= LONG_QUERY_TERMS) {
    const terms = parts.map((part) => phrase(part.words));
    if (!query.trimEnd().endsWith('"')) terms[terms.length - 1] = `${terms.at(-1) ?? ''}*`;
    const expression = terms.join(' ');
    return { ranked: expression, exact: null, highlight: expression };
  }

  const rarity = (key: string) => Math.min(...key.split(' ').map((term) => frequency(term) ?? Number.POSITIVE_INFINITY));
  const rarest = [...distinct.entries()]
    .map(([key, words], order) => ({ words, order, rarity: rarity(key) }))
    .sort((a, b) => a.rarity - b.rarity || a.order - b.order)
    .slice(0, LONG_QUERY_TERMS)
    .map((term) => phrase(term.words))
    .join(' ');
  const passage = phrase(loose.flatMap((part) => part.words));
  const required = parts.filter((part) => part.quoted).map((part) => `${phrase(part.words)} `).join('');
  return { ranked: `${required}${rarest}`, exact: `${required}${passage}`, highlight: `${required}(${passage} OR (${rarest}))` };
}

/** The whole query as one expression (the passage or its rarest words, for a long one): see {@link planSearch}. */
export function toMatchExpression(query: string, frequency?: TermFrequency): string | null {
  return planSearch(query, frequency)?.highlight ?? null;
}
