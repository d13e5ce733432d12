import { z } from 'zod';
import { idSchema, longTextSchema, shortTextSchema, timestampSchema, titleSchema } from './common';
import { documentSchema } from './document';

export const SceneStatus = {
  idea: 'idea',
  draft: 'draft',
  revised: 'revised',
  final: 'final',
} as const;
export type SceneStatus = (typeof SceneStatus)[keyof typeof SceneStatus];
export const sceneStatusSchema = z.enum(Object.values(SceneStatus) as [SceneStatus, ...SceneStatus[]]);

export const chapterSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: titleSchema,
  synopsis: longTextSchema,
  position: z.number().int().nonnegative(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Chapter = z.infer<typeof chapterSchema>;

/** A scene without its text: what the tree shows. */
export const sceneMetaSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  chapterId: idSchema,
  title: titleSchema,
  synopsis: longTextSchema,
  status: sceneStatusSchema,
  pov: shortTextSchema,
  position: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type SceneMeta = z.infer<typeof sceneMetaSchema>;

export const sceneSchema = sceneMetaSchema.extend({ content: documentSchema });
export type Scene = z.infer<typeof sceneSchema>;

export const chapterWithScenesSchema = chapterSchema.extend({ scenes: z.array(sceneMetaSchema) });
export type ChapterWithScenes = z.infer<typeof chapterWithScenesSchema>;

/** The manuscript's outline: ordered chapters with their ordered scenes. */
export const outlineSchema = z.object({
  projectId: idSchema,
  chapters: z.array(chapterWithScenesSchema),
  wordCount: z.number().int().nonnegative(),
});
export type Outline = z.infer<typeof outlineSchema>;

export const chapterCreateSchema = z
  .object({ projectId: idSchema, title: titleSchema, synopsis: longTextSchema.default(''), position: z.number().int().nonnegative().optional() })
  .strict();
export const chapterUpdateSchema = z
  .object({ id: idSchema, title: titleSchema.optional(), synopsis: longTextSchema.optional() })
  .strict();
export const chapterMoveSchema = z.object({ id: idSchema, position: z.number().int().nonnegative() }).strict();

export const sceneCreateSchema = z
  .object({ chapterId: idSchema, title: titleSchema, position: z.number().int().nonnegative().optional() })
  .strict();
export const sceneUpdateSchema = z
  .object({
    id: idSchema,
    title: titleSchema.optional(),
    synopsis: longTextSchema.optional(),
    status: sceneStatusSchema.optional(),
    pov: shortTextSchema.optional(),
  })
  .strict();
/** Moves a scene to a position in a chapter, which may be another chapter of the same project. */
export const sceneMoveSchema = z
  .object({ id: idSchema, chapterId: idSchema, position: z.number().int().nonnegative() })
  .strict();

/**
 * An autosave. `baseRevision` is the revision the editor's text descends from. A save against
 * an older revision is merged (the scene's text is a CRDT): the editor's changes since
 * `baseRevision` are applied on top of the newer text, keeping both. CONFLICT only when that
 * revision's history was compacted away (or is in the future).
 *
 * `ownBase`: the editor's text descends from what it SENT for `baseRevision`, not from the
 * merged text that revision stored — it got a merged answer while the writer kept typing and
 * has not shown the merge yet.
 */
export const sceneSaveSchema = z
  .object({ id: idSchema, content: documentSchema, baseRevision: z.number().int().nonnegative(), ownBase: z.boolean().optional() })
  .strict();
export const sceneSavedSchema = z.object({
  id: idSchema,
  revision: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
  savedAt: timestampSchema,
  /**
   * Present when the stored text differs from what was sent (the save was merged with edits
   * made elsewhere): the text the editor should show for `revision`. Never on events.
   */
  content: documentSchema.optional(),
});
export type SceneSaved = z.infer<typeof sceneSavedSchema>;
