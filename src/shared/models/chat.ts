import { z } from 'zod';
import { appErrorSchema } from '../ipc/errors';
import { idSchema, Limits, textSchema, timestampSchema, titleSchema } from './common';
import { contextSourcesSchema } from './context-source';
import { agentIdSchema, capabilityIdSchema } from './agents';
import { runTargetSchema } from './runs';

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
  /** The agent run this reply started (shown as a run card); null for other messages. */
  runId: idSchema.nullable(),
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

/**
 * Who answers a message: `auto` lets the crew's router decide (plain chat, an agent, a playbook,
 * a plan, or a question back); the others are the writer's explicit pick.
 */
export const chatRouteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auto') }).strict(),
  z.object({ kind: z.literal('chat') }).strict(),
  z.object({ kind: z.literal('agent'), agentId: agentIdSchema, capability: capabilityIdSchema }).strict(),
  z.object({ kind: z.literal('playbook'), playbookId: z.string().min(1).max(64) }).strict(),
]);
export type ChatRoute = z.infer<typeof chatRouteSchema>;

export const chatSendSchema = z
  .object({
    sessionId: idSchema,
    text: textSchema().trim().min(1, 'Type a message first.').max(Limits.longText),
    context: chatContextSchema.default({ selection: '' }),
    route: chatRouteSchema.default({ kind: 'auto' }),
    /** What a run started from this message works on, when the writer chose it (else it is read from the message). */
    target: runTargetSchema.optional(),
  })
  .strict();

/**
 * What a send started: a streamed reply (`streamId`), or no stream when the reply is already
 * complete — a run was started (`runId`, the reply links to it) or a clarifying question asked.
 */
export const chatStartedSchema = z.object({
  streamId: idSchema.nullable(),
  userMessageId: idSchema.nullable(),
  assistantMessageId: idSchema,
  runId: idSchema.nullable(),
});

export const chatCreateSchema = z.object({ projectId: idSchema, title: titleSchema.optional() }).strict();
