import { z } from 'zod';
import { idSchema, Limits, textSchema } from './common';

export const searchQuerySchema = z
  .object({
    projectId: idSchema,
    query: textSchema().trim().min(1, 'Type something to search for.').max(Limits.query),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Marks the matched words in a snippet; the renderer turns them into highlights. */
export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';

export const searchHitSchema = z.object({
  sceneId: idSchema,
  chapterId: idSchema,
  chapterTitle: z.string(),
  sceneTitle: z.string(),
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
