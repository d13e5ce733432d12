import { writingSessionSchema } from '../../models/writing-session';
import { byProject, method } from './method';

/** The stats domain: the writing session (words written today in a project). */
export const statsContract = {
  'stats.session': method({ input: byProject, output: writingSessionSchema, doc: 'The words written today in a project (its writing session).' }),
} as const;
