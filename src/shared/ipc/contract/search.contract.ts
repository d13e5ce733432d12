import { z } from 'zod';
import { searchHitSchema, searchQuerySchema } from '../../models/search';
import { method } from './method';

/** The search domain: full-text search over a manuscript. */
export const searchContract = {
  'search.query': method({ input: searchQuerySchema, output: z.array(searchHitSchema), doc: 'Full-text search over a manuscript.' }),
} as const;
