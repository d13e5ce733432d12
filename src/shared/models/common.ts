import { z } from 'zod';

/** Ids are UUIDs made by the core; anything else is rejected before it reaches the database. */
export const idSchema = z.uuid({ message: 'Expected an id (UUID).' });
export type Id = z.infer<typeof idSchema>;

/** Milliseconds since the epoch, as stored. */
export const timestampSchema = z.number().int().nonnegative();

/** Limits that keep a malformed or hostile payload from swamping the core. */
export const Limits = {
  title: 300,
  shortText: 2_000,
  longText: 100_000,
  /** A scene of ~150k words of rich text fits comfortably; anything bigger is not a scene. */
  documentBytes: 8 * 1024 * 1024,
  aliases: 50,
  profileFields: 100,
  query: 500,
  wordGoal: 10_000_000,
  /** A running head's surname or short title: a few words, not a sentence. */
  runningHeadPart: 60,
} as const;

export const titleSchema = z
  .string()
  .trim()
  .min(1, 'A title cannot be empty.')
  .max(Limits.title, `A title can have at most ${Limits.title} characters.`);

export const shortTextSchema = z.string().max(Limits.shortText, `At most ${Limits.shortText} characters.`);
export const longTextSchema = z.string().max(Limits.longText, `At most ${Limits.longText} characters.`);

export const emptySchema = z.object({}).strict();
export const okSchema = z.object({ ok: z.literal(true) });
