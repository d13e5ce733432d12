import { z } from 'zod';
import { chatCreateSchema, chatMessageSchema, chatSendSchema, chatSessionSchema, chatStartedSchema } from '../../models/chat';
import { idSchema, okSchema, titleSchema } from '../../models/common';
import { byId, byProject, method } from './method';

/** The chat domain: chat sessions about a project, replies streamed. */
export const chatContract = {
  'chat.list': method({ input: byProject, output: z.array(chatSessionSchema), doc: 'Chat sessions of a project, newest first.' }),
  'chat.create': method({ input: chatCreateSchema, output: chatSessionSchema, doc: 'Starts a chat session.' }),
  'chat.rename': method({ input: z.object({ id: idSchema, title: titleSchema }).strict(), output: chatSessionSchema, doc: 'Renames a chat session.' }),
  'chat.delete': method({ input: byId, output: okSchema, doc: 'Deletes a chat session.' }),
  'chat.messages': method({ input: z.object({ sessionId: idSchema }).strict(), output: z.array(chatMessageSchema), doc: 'Messages of a session in order.' }),
  'chat.send': method({ input: chatSendSchema, output: chatStartedSchema, doc: 'Sends a message; the reply streams as stream.* events.' }),
  'chat.regenerate': method({
    input: z.object({ sessionId: idSchema }).strict(),
    output: chatStartedSchema,
    doc: 'Replaces the last reply with a new one.',
  }),
} as const;
