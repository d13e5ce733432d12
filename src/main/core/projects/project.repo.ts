import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Project, ProjectSummary, ProjectUpdate } from '../../../shared/models/project';
import type { Db } from '../db/connection';
import { projects } from '../db/schema';

type ProjectRow = typeof projects.$inferSelect;

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    genre: row.genre,
    tone: row.tone,
    status: row.status as Project['status'],
    wordGoal: row.wordGoal,
    author: row.author,
    language: row.language,
    contact: row.contact,
    shortTitle: row.shortTitle,
    surname: row.surname,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Live word, chapter and scene counts per project, skipping trashed chapters and scenes.
 * Written as SQL with explicit aliases: drizzle leaves columns of a one-table select
 * unqualified, which would be ambiguous inside this correlated subquery.
 */
const countsSql = sql<string>`(
  select json_object(
    'words', coalesce(sum(s.word_count), 0),
    'scenes', count(s.id),
    'chapters', (select count(*) from chapters c2 where c2.project_id = "projects"."id" and c2.deleted_at is null)
  )
  from scenes s join chapters c on c.id = s.chapter_id
  where s.project_id = "projects"."id" and s.deleted_at is null and c.deleted_at is null
)`;

function toSummary(row: ProjectRow & { counts: string }): ProjectSummary {
  const counts = JSON.parse(row.counts) as { words: number; scenes: number; chapters: number };
  return { ...toProject(row), wordCount: counts.words, sceneCount: counts.scenes, chapterCount: counts.chapters };
}

/** Storage of projects. Every read skips the trash unless it says otherwise. */
export function createProjectRepo(db: Db) {
  // Lookups by id run several times per scene save and per synced record: prepared once (drizzle
  // builds and prepares a query anew on every call otherwise, several times the lookup itself).
  const liveById = db
    .select()
    .from(projects)
    .where(and(eq(projects.id, sql.placeholder('id')), isNull(projects.deletedAt)))
    .prepare();
  const anyById = db.select().from(projects).where(eq(projects.id, sql.placeholder('id'))).prepare();
  return {
    insert(row: typeof projects.$inferInsert): void {
      db.insert(projects).values(row).run();
    },

    findLive(id: string): ProjectRow | undefined {
      return liveById.get({ id });
    },

    /** The live project edited last that has an author, for a new project's defaults. */
    latestWithAuthor(): ProjectRow | undefined {
      return db
        .select()
        .from(projects)
        .where(and(isNull(projects.deletedAt), ne(projects.author, '')))
        .orderBy(desc(projects.updatedAt))
        .limit(1)
        .get();
    },

    findAny(id: string): ProjectRow | undefined {
      return anyById.get({ id });
    },

    summary(id: string): ProjectSummary | undefined {
      const row = db
        .select({ ...projectColumns, counts: countsSql })
        .from(projects)
        .where(and(eq(projects.id, id), isNull(projects.deletedAt)))
        .get();
      return row ? toSummary(row) : undefined;
    },

    listSummaries(includeArchived: boolean): ProjectSummary[] {
      const where = includeArchived ? isNull(projects.deletedAt) : and(isNull(projects.deletedAt), isNull(projects.archivedAt));
      return db
        .select({ ...projectColumns, counts: countsSql })
        .from(projects)
        .where(where)
        .orderBy(desc(projects.updatedAt))
        .all()
        .map(toSummary);
    },

    update(id: string, changes: Omit<ProjectUpdate, 'id' | 'archived'> & { archivedAt?: number | null }, now: number): void {
      db.update(projects)
        .set({ ...changes, updatedAt: now })
        .where(eq(projects.id, id))
        .run();
    },

    /** Marks the project as edited now, so the dashboard sorts it first. */
    touch(id: string, now: number): void {
      db.update(projects).set({ updatedAt: now }).where(eq(projects.id, id)).run();
    },

    setDeleted(id: string, deletedAt: number | null): void {
      db.update(projects).set({ deletedAt }).where(eq(projects.id, id)).run();
    },
  };
}

export type ProjectRepo = ReturnType<typeof createProjectRepo>;

const projectColumns = {
  id: projects.id,
  title: projects.title,
  description: projects.description,
  genre: projects.genre,
  tone: projects.tone,
  status: projects.status,
  wordGoal: projects.wordGoal,
  author: projects.author,
  language: projects.language,
  contact: projects.contact,
  shortTitle: projects.shortTitle,
  surname: projects.surname,
  archivedAt: projects.archivedAt,
  deletedAt: projects.deletedAt,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
};
