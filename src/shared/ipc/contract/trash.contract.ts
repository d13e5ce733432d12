import { z } from 'zod';
import { idSchema, okSchema } from '../../models/common';
import { trashEmptySchema, trashItemSchema, trashRefSchema } from '../../models/trash';
import { method } from './method';

/** The trash domain: deleted items, restorable until emptied. */
export const trashContract = {
  'trash.list': method({
    input: z.object({ projectId: idSchema.optional() }).strict(),
    output: z.array(trashItemSchema),
    doc: 'Deleted items, newest first (projects when no project is given).',
  }),
  'trash.restore': method({ input: trashRefSchema, output: okSchema, doc: 'Brings an item back from the trash; one already back is left as it is, so a late Undo is harmless.' }),
  'trash.empty': method({ input: trashEmptySchema, output: z.object({ removed: z.number().int() }), doc: 'Deletes trashed items for good.' }),
} as const;
