import { prefsSchema, prefsUpdateSchema } from '../../models/app';
import { emptySchema } from '../../models/common';
import { method } from './method';

/** The prefs domain: the user's preferences. */
export const prefsContract = {
  'prefs.get': method({ input: emptySchema, output: prefsSchema, doc: 'The user preferences.' }),
  'prefs.update': method({ input: prefsUpdateSchema, output: prefsSchema, doc: 'Changes some preferences.' }),
} as const;
