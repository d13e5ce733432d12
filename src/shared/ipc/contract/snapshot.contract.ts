import { z } from 'zod';
import { okSchema } from '../../models/common';
import {
  snapshotCreateSchema,
  snapshotListSchema,
  snapshotPreviewSchema,
  snapshotRestoredSchema,
  snapshotSchema,
} from '../../models/snapshot';
import { byId, method } from './method';

/** The snapshots domain: saved versions of a scene, chapter or project. */
export const snapshotContract = {
  'snapshot.create': method({ input: snapshotCreateSchema, output: snapshotSchema, doc: 'Snapshots a scene, chapter or whole project.' }),
  'snapshot.list': method({ input: snapshotListSchema, output: z.array(snapshotSchema), doc: 'Snapshots of a project, newest first.' }),
  'snapshot.preview': method({ input: byId, output: snapshotPreviewSchema, doc: 'The text a snapshot holds.' }),
  'snapshot.restore': method({ input: byId, output: snapshotRestoredSchema, doc: 'Restores a snapshot after snapshotting the current state.' }),
  'snapshot.delete': method({ input: byId, output: okSchema, doc: 'Deletes a snapshot permanently.' }),
} as const;
