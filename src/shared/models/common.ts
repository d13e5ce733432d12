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

/** An unpaired UTF-16 surrogate. With the `u` flag a proper pair is one code point, so only broken halves match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` is well-formed Unicode: no half of a surrogate pair on its own. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Why text with a lone surrogate is refused. SQLite stores text as UTF-8, which cannot hold one:
 * it would come back as U+FFFD, changed without a word. Refused at the boundary instead.
 */
export const LONE_SURROGATE_MESSAGE =
  'This text has a broken character (an unpaired surrogate, such as half of an emoji) that can’t be stored as it is. Delete it and type the character again.';

/** A string that must be well-formed Unicode: every user-typed text field starts from this. */
export const textSchema = () => z.string().refine(isWellFormedText, LONE_SURROGATE_MESSAGE);

export const titleSchema = textSchema()
  .trim()
  .min(1, 'A title cannot be empty.')
  .max(Limits.title, `A title can have at most ${Limits.title} characters.`);

export const shortTextSchema = textSchema().max(Limits.shortText, `At most ${Limits.shortText} characters.`);
export const longTextSchema = textSchema().max(Limits.longText, `At most ${Limits.longText} characters.`);

export const emptySchema = z.object({}).strict();
export const okSchema = z.object({ ok: z.literal(true) });
