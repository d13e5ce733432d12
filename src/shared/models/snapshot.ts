import { z } from 'zod';
import { idSchema, shortTextSchema, timestampSchema } from './common';
import { docNodeSchema } from './document';

export const SnapshotScope = { scene: 'scene', chapter: 'chapter', project: 'project' } as const;
export type SnapshotScope = (typeof SnapshotScope)[keyof typeof SnapshotScope];
export const snapshotScopeSchema = z.enum(Object.values(SnapshotScope) as [SnapshotScope, ...SnapshotScope[]]);

export const snapshotSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  scope: snapshotScopeSchema,
  /** The scene, chapter or project the snapshot was taken of. */
  targetId: idSchema,
  label: shortTextSchema,
  wordCount: z.number().int().nonnegative(),
  createdAt: timestampSchema,
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotCreateSchema = z
  .object({ scope: snapshotScopeSchema, targetId: idSchema, label: shortTextSchema.default('') })
  .strict();
export const snapshotListSchema = z
  .object({ projectId: idSchema, scope: snapshotScopeSchema.optional(), targetId: idSchema.optional() })
  .strict();

/** What a snapshot holds, scene by scene, as plain text for a preview. */
export const snapshotPreviewSchema = z.object({
  snapshot: snapshotSchema,
  scenes: z.array(
    z.object({
      sceneId: idSchema,
      chapterTitle: z.string(),
      title: z.string(),
      /** The plain text (for counting and search-like uses). */
      text: z.string(),
      /** The document as stored, marks included, for a formatted read-only preview. */
      content: docNodeSchema,
    }),
  ),
});
export type SnapshotPreview = z.infer<typeof snapshotPreviewSchema>;

export const snapshotRestoredSchema = z.object({
  /** The automatic snapshot taken just before restoring, so a restore can itself be undone. */
  safetySnapshotId: idSchema,
  restoredSceneIds: z.array(idSchema),
});
