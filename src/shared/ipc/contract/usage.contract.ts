import { z } from 'zod';
import { usageArmRowSchema, usageQuerySchema, usageRowSchema } from '../../models/llm';
import { method } from './method';

/** The usage domain: what the AI calls cost. */
export const usageContract = {
  'usage.summary': method({ input: usageQuerySchema, output: z.array(usageRowSchema), doc: 'Tokens, cost and latency by day and project.' }),
  'usage.byArm': method({
    input: usageQuerySchema,
    output: z.array(usageArmRowSchema),
    doc: 'Calls, tokens, cost and latency of each A/B experiment arm, to compare them.',
  }),
} as const;
