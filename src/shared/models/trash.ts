import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

export const TrashKind = { project: 'project', chapter: 'chapter', scene: 'scene', codex: 'codex' } as const;
export type TrashKind = (typeof TrashKind)[keyof typeof TrashKind];
export const trashKindSchema = z.enum(Object.values(TrashKind) as [TrashKind, ...TrashKind[]]);

export const trashItemSchema = z.object({
  kind: trashKindSchema,
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  deletedAt: timestampSchema,
});
export type TrashItem = z.infer<typeof trashItemSchema>;

export const trashRefSchema = z.object({ kind: trashKindSchema, id: idSchema }).strict();
/** Emptying the trash is permanent, so the caller must say so explicitly. */
export const trashEmptySchema = z.object({ projectId: idSchema.optional(), confirm: z.literal(true) }).strict();
