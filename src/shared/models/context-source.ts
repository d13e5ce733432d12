import { z } from 'zod';
import { idSchema } from './common';
import { passageSourceTypeSchema } from './memory';

/** How much of a source's text is kept with a reply, for the sources list's preview. */
export const SOURCE_EXCERPT_CHARS = 240;

/**
 * A passage the AI was given with a request (issue 7, point 4): where it lives, so the writer can
 * open it ("Chapter 12 · The Harbour" opens the scene, "Codex · Mara" the codex entry), and the
 * start of its text. Stored with a chat reply; returned with an inline suggestion.
 */
export const contextSourceSchema = z.object({
  type: passageSourceTypeSchema,
  /** Scene, codex entry or memory id. */
  id: idSchema,
  /** "Chapter 12 · The Harbour", "Codex · Mara", "Memory". */
  label: z.string().max(300),
  chapterId: idSchema.nullable(),
  /** The characters of the source the passage covers, when it is part of a longer text. */
  range: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).nullable(),
  /** The passage's opening words (at most {@link SOURCE_EXCERPT_CHARS} characters). */
  excerpt: z.string().max(SOURCE_EXCERPT_CHARS + 1),
  /** A pinned core memory: always given, whatever the question. */
  pinned: z.boolean().default(false),
});
export type ContextSource = z.infer<typeof contextSourceSchema>;

/** At most this many sources are kept with one reply. */
export const MAX_CONTEXT_SOURCES = 30;
export const contextSourcesSchema = z.array(contextSourceSchema).max(MAX_CONTEXT_SOURCES);
