import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * The local database. Times are epoch milliseconds. `deletedAt` marks soft deletion (the
 * trash); rows leave for good only when the user empties the trash.
 */

const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
};

export const projects = sqliteTable('projects', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  genre: text('genre').notNull().default(''),
  tone: text('tone').notNull().default(''),
  status: text('status').notNull().default('planning'),
  wordGoal: integer('word_goal').notNull().default(0),
  archivedAt: integer('archived_at'),
  deletedAt: integer('deleted_at'),
  ...timestamps,
});

export const chapters = sqliteTable(
  'chapters',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    synopsis: text('synopsis').notNull().default(''),
    position: integer('position').notNull(),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('chapters_project_idx').on(t.projectId, t.position)],
);

export const scenes = sqliteTable(
  'scenes',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    chapterId: text('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    synopsis: text('synopsis').notNull().default(''),
    status: text('status').notNull().default('draft'),
    pov: text('pov').notNull().default(''),
    position: integer('position').notNull(),
    /** The editor's document as JSON text. */
    content: text('content').notNull(),
    /** Plain text extracted from `content`, for counting, search and previews. */
    plainText: text('plain_text').notNull().default(''),
    wordCount: integer('word_count').notNull().default(0),
    /** Bumped by every save; autosaves name the revision they were based on. */
    revision: integer('revision').notNull().default(0),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('scenes_chapter_idx').on(t.chapterId, t.position), index('scenes_project_idx').on(t.projectId)],
);

export const codexEntries = sqliteTable(
  'codex_entries',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** JSON array of strings. */
    aliases: text('aliases').notNull().default('[]'),
    description: text('description').notNull().default(''),
    /** JSON object of field name → text. */
    profile: text('profile').notNull().default('{}'),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('codex_project_idx').on(t.projectId, t.kind)],
);

export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    targetId: text('target_id').notNull(),
    label: text('label').notNull().default(''),
    /** JSON of the captured chapters and scenes (see snapshot.service.ts). */
    payload: text('payload').notNull(),
    wordCount: integer('word_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('snapshots_project_idx').on(t.projectId, t.createdAt)],
);

/** Small key → JSON value store for preferences. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`0`),
});
