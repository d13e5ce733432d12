import { z } from 'zod';
import { codexCreateSchema, codexEntrySchema, codexUpdateSchema } from '../../models/codex';
import { okSchema } from '../../models/common';
import { byId, byProject, method } from './method';

/** The codex domain: characters, locations, lore and objects of a project. */
export const codexContract = {
  'codex.list': method({ input: byProject, output: z.array(codexEntrySchema), doc: 'Codex entries of a project by name.' }),
  'codex.create': method({ input: codexCreateSchema, output: codexEntrySchema, doc: 'Adds a character, location, lore or object.' }),
  'codex.update': method({ input: codexUpdateSchema, output: codexEntrySchema, doc: 'Changes a codex entry.' }),
  'codex.delete': method({ input: byId, output: okSchema, doc: 'Moves a codex entry to the trash.' }),
} as const;
