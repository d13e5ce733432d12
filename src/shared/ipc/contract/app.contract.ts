import { appInfoSchema } from '../../models/app';
import { emptySchema } from '../../models/common';
import { method } from './method';

/** The app-info domain: what is running, where its data lives. */
export const appContract = {
  'app.info': method({ input: emptySchema, output: appInfoSchema, doc: 'Version, data folder and engine versions.' }),
} as const;
