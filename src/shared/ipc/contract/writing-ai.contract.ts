import { inlineRunSchema, streamStartedSchema } from '../../models/llm';
import { method } from './method';

/** The writing-ai domain: AI actions run from the editor. */
export const writingAiContract = {
  'ai.inline': method({ input: inlineRunSchema, output: streamStartedSchema, doc: 'Runs an editor action (continue, rewrite…); the suggestion streams as stream.* events.' }),
} as const;
