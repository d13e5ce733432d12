import { z } from 'zod';
import { okSchema } from '../../models/common';
import {
  recoveryKeyCeremonySchema,
  syncBackupSchema,
  syncCredentialsSchema,
  syncDeviceSchema,
  syncJobStartedSchema,
  syncPassphraseSchema,
  syncPlanSchema,
  syncRestoreSchema,
  syncStatusSchema,
  syncTierSchema,
} from '../../models/sync';
import { method } from './method';

const none = z.object({}).strict();
const recoveryKeyInput = z.string().min(1).max(400);

/**
 * End-to-end encrypted backup and sync (issue 10). Only ciphertext leaves the device; the keys are
 * made and unwrapped here. Status changes arrive as `sync.changed`; backups and restores are jobs.
 */
export const syncContract = {
  'sync.status': method({ input: none, output: syncStatusSchema, doc: 'Where sync stands on this device.' }),

  'sync.account.signUp': method({
    input: syncCredentialsSchema,
    output: syncStatusSchema,
    doc: 'Creates an account on a sync server and signs this device in (keys come next).',
  }),
  'sync.account.signIn': method({ input: syncCredentialsSchema, output: syncStatusSchema, doc: 'Signs this device in to an existing account.' }),
  'sync.account.signOut': method({
    input: none,
    output: syncStatusSchema,
    doc: 'Signs this device out and forgets its keys here; the data on this device stays.',
  }),

  'sync.keys.create': method({
    input: z.object({ passphrase: syncPassphraseSchema }).strict(),
    output: recoveryKeyCeremonySchema,
    doc: 'First device: makes the keys from a passphrase and shows the recovery key once; nothing is kept until it is confirmed.',
  }),
  'sync.keys.confirm': method({
    input: z.object({ answers: z.array(z.string().max(40)).min(1).max(16) }).strict(),
    output: syncStatusSchema,
    doc: 'Checks the typed-back recovery key groups, then keeps the keys, uploads them wrapped and starts syncing.',
  }),
  'sync.keys.unlock': method({
    input: z.union([z.object({ passphrase: syncPassphraseSchema }).strict(), z.object({ recoveryKey: recoveryKeyInput }).strict()]),
    output: syncStatusSchema,
    doc: 'Another device: unwraps the account’s keys with the passphrase or the recovery key.',
  }),
  'sync.keys.changePassphrase': method({
    input: z.object({ current: z.string().min(1).max(1024), next: syncPassphraseSchema }).strict(),
    output: okSchema,
    doc: 'Re-wraps the master key with a new passphrase; nothing is re-uploaded but the wrapped key.',
  }),
  'sync.keys.recover': method({
    input: z.object({ recoveryKey: recoveryKeyInput, next: syncPassphraseSchema }).strict(),
    output: syncStatusSchema,
    doc: 'Forgotten passphrase: unwraps with the recovery key and sets a new passphrase.',
  }),

  'sync.now': method({ input: none, output: syncStatusSchema, doc: 'Syncs now (pull, merge, push) instead of waiting for the next round.' }),

  'sync.devices.list': method({ input: none, output: z.array(syncDeviceSchema), doc: 'The devices signed in to the account.' }),
  'sync.devices.revoke': method({
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: okSchema,
    doc: 'Signs another device out of the account (its tokens stop working).',
  }),

  'sync.backups.list': method({ input: none, output: z.array(syncBackupSchema), doc: 'The account’s backups, newest first.' }),
  'sync.backups.create': method({
    input: z.object({ kind: z.enum(['full', 'incremental']).optional() }).strict(),
    output: syncJobStartedSchema,
    doc: 'Starts an encrypted backup (incremental when a full one exists, unless `full` is asked).',
  }),
  'sync.backups.restore': method({
    input: syncRestoreSchema,
    output: syncJobStartedSchema,
    doc: 'Starts restoring a backup into this data folder (after a local snapshot) or into a new folder.',
  }),

  'sync.plan.get': method({ input: none, output: syncPlanSchema, doc: 'The account’s plan, storage used and quota.' }),
  'sync.plan.checkout': method({
    input: z.object({ tier: syncTierSchema.exclude(['free']) }).strict(),
    output: z.object({ url: z.string() }),
    doc: 'Starts a Stripe checkout for a paid plan; the UI opens the returned address in the browser.',
  }),
} as const;
