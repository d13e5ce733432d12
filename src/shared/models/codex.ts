import { z } from 'zod';
import { idSchema, Limits, longTextSchema, shortTextSchema, textSchema, timestampSchema, titleSchema } from './common';

export const CodexKind = {
  character: 'character',
  location: 'location',
  lore: 'lore',
  object: 'object',
} as const;
export type CodexKind = (typeof CodexKind)[keyof typeof CodexKind];
export const codexKindSchema = z.enum(Object.values(CodexKind) as [CodexKind, ...CodexKind[]]);

const aliasSchema = textSchema().trim().min(1).max(Limits.title);
export const aliasesSchema = z.array(aliasSchema).max(Limits.aliases, `At most ${Limits.aliases} aliases.`);

/** A structured profile: named fields with text values (age, role, appearance, climate…). */
export const profileSchema = z
  .record(textSchema().trim().min(1).max(Limits.title), shortTextSchema)
  .refine((p) => Object.keys(p).length <= Limits.profileFields, `At most ${Limits.profileFields} profile fields.`);

export const codexEntrySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  kind: codexKindSchema,
  name: titleSchema,
  aliases: aliasesSchema,
  description: longTextSchema,
  profile: profileSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CodexEntry = z.infer<typeof codexEntrySchema>;

export const codexCreateSchema = z
  .object({
    projectId: idSchema,
    kind: codexKindSchema,
    name: titleSchema,
    aliases: aliasesSchema.default([]),
    description: longTextSchema.default(''),
    profile: profileSchema.default({}),
  })
  .strict();
export const codexUpdateSchema = z
  .object({
    id: idSchema,
    kind: codexKindSchema.optional(),
    name: titleSchema.optional(),
    aliases: aliasesSchema.optional(),
    description: longTextSchema.optional(),
    profile: profileSchema.optional(),
  })
  .strict();
