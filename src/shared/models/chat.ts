import { z } from 'zod';
import { appErrorSchema } from '../ipc/errors';
import { idSchema, Limits, textSchema, timestampSchema, titleSchema } from './common';
import { contextSourcesSchema } from './context-source';

export const chatSessionSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ChatSession = z.infer<typeof chatSessionSchema>;

export const ChatRole = { user: 'user', assistant: 'assistant', note: 'note' } as const;
export type ChatRole = (typeof ChatRole)[keyof typeof ChatRole];

export const ChatMessageStatus = { streaming: 'streaming', complete: 'complete', cancelled: 'cancelled', error: 'error' } as const;
export type ChatMessageStatus = (typeof ChatMessageStatus)[keyof typeof ChatMessageStatus];

export const chatMessageSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  seq: z.number().int().nonnegative(),
  /** `note` is shown to the writer but never sent to a model (e.g. "older messages were left out"). */
  role: z.enum(['user', 'assistant', 'note']),
  content: z.string(),
  status: z.enum(['streaming', 'complete', 'cancelled', 'error']),
  model: z.string().nullable(),
  error: appErrorSchema.nullable(),
  /** A question's context as it was sent (regenerate sends it again); null for replies and notes. */
  context: z.object({ sceneId: idSchema.nullable(), selection: z.string() }).nullable(),
  /** What an assistant reply was given from the book and memory (empty for questions and notes). */
  sources: contextSourcesSchema,
  createdAt: timestampSchema,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatContextSchema = z
  .object({
    /** The scene open in the editor, whose summary is included. */
    sceneId: idSchema.optional(),
    /** Text the writer selected, included verbatim. */
    selection: textSchema().max(Limits.longText).default(''),
  })
  .strict();

export const chatSendSchema = z
  .object({
    sessionId: idSchema,
    text: textSchema().trim().min(1, 'Type a message first.').max(Limits.longText),
    context: chatContextSchema.default({ selection: '' }),
  })
  .strict();

export const chatStartedSchema = z.object({
  streamId: idSchema,
  userMessageId: idSchema.nullable(),
  assistantMessageId: idSchema,
});

export const chatCreateSchema = z.object({ projectId: idSchema, title: titleSchema.optional() }).strict();
