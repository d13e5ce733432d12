import { z } from 'zod';
import { idSchema, Limits, longTextSchema, shortTextSchema, timestampSchema, titleSchema } from './common';
import { languageTagSchema } from './language';

export const ProjectStatus = {
  planning: 'planning',
  drafting: 'drafting',
  revising: 'revising',
  complete: 'complete',
} as const;
export type ProjectStatus = (typeof ProjectStatus)[keyof typeof ProjectStatus];
export const projectStatusSchema = z.enum(Object.values(ProjectStatus) as [ProjectStatus, ...ProjectStatus[]]);

export const wordGoalSchema = z.number().int().min(0).max(Limits.wordGoal);

/** A name as printed on a title page ("by Ada Quill"); empty when not set. */
export const authorSchema = z.string().trim().max(Limits.title, `At most ${Limits.title} characters.`);
/** The running head's short parts (surname, short title); empty means derived from author / title. */
export const runningHeadPartSchema = z.string().trim().max(Limits.runningHeadPart, `At most ${Limits.runningHeadPart} characters.`);

/**
 * How the project appears in exports: the author's name, the text's language (BCP 47), the
 * contact block of a manuscript's title page, and the running head's surname and short title.
 */
export const projectPublishingShape = {
  author: authorSchema,
  language: languageTagSchema,
  contact: shortTextSchema,
  shortTitle: runningHeadPartSchema,
  surname: runningHeadPartSchema,
};

export const projectSchema = z.object({
  id: idSchema,
  title: titleSchema,
  description: longTextSchema,
  genre: shortTextSchema,
  tone: shortTextSchema,
  status: projectStatusSchema,
  wordGoal: wordGoalSchema,
  ...projectPublishingShape,
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
    /** Absent: the author and contact of the most recently edited project, and `en`. */
    author: authorSchema.optional(),
    language: languageTagSchema.optional(),
    contact: shortTextSchema.optional(),
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
    ...z.object(projectPublishingShape).partial().shape,
    archived: z.boolean().optional(),
  })
  .strict();
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;
