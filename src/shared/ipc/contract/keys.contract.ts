import { z } from 'zod';
import { emptySchema, okSchema } from '../../models/common';
import { cloudProviderSchema, keyCheckSchema, keySetSchema, keyStatusSchema } from '../../models/llm';
import { method } from './method';

/** The keys domain: cloud provider keys, kept in the OS keychain. */
export const keysContract = {
  'keys.list': method({ input: emptySchema, output: z.array(keyStatusSchema), doc: 'Which cloud keys are stored (masked).' }),
  'keys.set': method({
    input: keySetSchema,
    output: z.object({ status: keyStatusSchema, check: keyCheckSchema }),
    doc: 'Stores a key in the OS keychain and checks it with a cheap call.',
  }),
  'keys.test': method({ input: z.object({ provider: cloudProviderSchema }).strict(), output: keyCheckSchema, doc: 'Checks a stored key.' }),
  'keys.delete': method({ input: z.object({ provider: cloudProviderSchema }).strict(), output: okSchema, doc: 'Forgets a stored key.' }),
} as const;
