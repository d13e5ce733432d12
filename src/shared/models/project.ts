import { z } from 'zod';
import { idSchema, Limits, longTextSchema, shortTextSchema, timestampSchema, titleSchema } from './common';

export const ProjectStatus = {
  planning: 'planning',
  drafting: 'drafting',
  revising: 'revising',
  complete: 'complete',
} as const;
export type ProjectStatus = (typeof ProjectStatus)[keyof typeof ProjectStatus];
export const projectStatusSchema = z.enum(Object.values(ProjectStatus) as [ProjectStatus, ...ProjectStatus[]]);

export const wordGoalSchema = z.number().int().min(0).max(Limits.wordGoal);

export const projectSchema = z.object({
  id: idSchema,
  title: titleSchema,
  description: longTextSchema,
  genre: shortTextSchema,
  tone: shortTextSchema,
  status: projectStatusSchema,
  wordGoal: wordGoalSchema,
  archived: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Project = z.infer<typeof projectSchema>;

/** A project as the dashboard lists it: with its live word count. */
export const projectSummarySchema = projectSchema.extend({
  wordCount: z.number().int().nonnegative(),
  chapterCount: z.number().int().nonnegative(),
  sceneCount: z.number().int().nonnegative(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const projectCreateSchema = z
  .object({
    title: titleSchema,
    description: longTextSchema.default(''),
    genre: shortTextSchema.default(''),
    tone: shortTextSchema.default(''),
    status: projectStatusSchema.default('planning'),
    wordGoal: wordGoalSchema.default(80_000),
  })
  .strict();
export type ProjectCreate = z.input<typeof projectCreateSchema>;

export const projectUpdateSchema = z
  .object({
    id: idSchema,
    title: titleSchema.optional(),
    description: longTextSchema.optional(),
    genre: shortTextSchema.optional(),
    tone: shortTextSchema.optional(),
    status: projectStatusSchema.optional(),
    wordGoal: wordGoalSchema.optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;
