import { z } from 'zod';

/**
 * The writing session: the words written in one project on one local day. Every save adds the
 * change in the scene's word count, so deleting words written today takes them back off; the
 * figure never goes below zero, so cutting older text does not start the day in debt. Moving
 * scenes, the trash and snapshot restores are not writing and do not count. A new local day
 * starts at zero.
 */
export const writingSessionSchema = z.object({
  /** The local calendar day, `YYYY-MM-DD`. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  words: z.number().int().nonnegative(),
});
export type WritingSession = z.infer<typeof writingSessionSchema>;
