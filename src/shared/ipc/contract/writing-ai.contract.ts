import { inlineRunSchema, inlineStartedSchema } from '../../models/llm';
import { method } from './method';

/** The writing-ai domain: AI actions run from the editor. */
export const writingAiContract = {
  'ai.inline': method({ input: inlineRunSchema, output: inlineStartedSchema, doc: 'Runs an editor action (continue, rewrite…); the suggestion streams as stream.* events; the passages it was given come back as its sources.' }),
} as const;
