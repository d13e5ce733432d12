import { z } from 'zod';
import { usageQuerySchema, usageRowSchema } from '../../models/llm';
import { method } from './method';

/** The usage domain: what the AI calls cost. */
export const usageContract = {
  'usage.summary': method({ input: usageQuerySchema, output: z.array(usageRowSchema), doc: 'Tokens, cost and latency by day and project.' }),
} as const;
