import { z } from 'zod';
import { appErrorSchema } from '../ipc/errors';
import { idSchema } from './common';

/*
 * Backup and sync as the writer sees them (issue 10): an account on a sync endpoint, the keys
 * that never leave the device unwrapped, the sync status, devices, backups and the plan.
 */

/** The endpoint's address: http(s) only; a person types it, so it is trimmed. */
export const syncServerUrlSchema = z
  .string()
  .trim()
  .pipe(z.url({ message: 'Expected the address of a sync server, like https://sync.example.com.' }))
  .refine((value) => /^https?:\/\//i.test(value), 'The sync server’s address starts with http:// or https://.');

export const SYNC_TIERS = ['free', 'pro', 'power', 'team'] as const;
export const syncTierSchema = z.enum(SYNC_TIERS);
export type SyncTier = z.infer<typeof syncTierSchema>;

/**
 * Where sync stands:
 * - `off`: no account on this device;
 * - `needs-keys`: signed in, but the keys are not set up (first device) or not unlocked (another device);
 * - `synced`, `syncing` (with progress), `offline` (the server cannot be reached; changes wait), `error` (with what to do).
 */
export const SYNC_PHASES = ['off', 'needs-keys', 'synced', 'syncing', 'offline', 'error'] as const;
export const syncPhaseSchema = z.enum(SYNC_PHASES);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

/** Progress of a long sync, backup or restore step; `total` null while unknown. */
export const syncProgressSchema = z.object({
  stage: z.enum(['pull', 'push', 'backup', 'restore']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** Bytes for backups and restores, records for sync. */
  unit: z.enum(['records', 'bytes']),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncStatusSchema = z.object({
  phase: syncPhaseSchema,
  /** The signed-in account on this device; null when `off`. */
  account: z
    .object({
      serverUrl: z.string(),
      email: z.string(),
      deviceId: z.string(),
      deviceName: z.string(),
    })
    .nullable(),
  /** `needs-keys` only: whether the account already has keys (then unlock) or not (then set up). */
  keysOnServer: z.boolean().nullable(),
  /** Local changes not yet on the server. */
  pendingChanges: z.number().int().nonnegative(),
  lastSyncedAt: z.number().int().nullable(),
  progress: syncProgressSchema.nullable(),
  /** `error` and `offline`: what happened and what to do (the UI maps the code to an action). */
  problem: appErrorSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncCredentialsSchema = z
  .object({
    serverUrl: syncServerUrlSchema,
    email: z.string().trim().max(320).pipe(z.email({ message: 'Expected an email address.' })),
    password: z.string().min(10, 'A password has at least 10 characters.').max(1024),
    deviceName: z.string().trim().min(1).max(120),
  })
  .strict();
export type SyncCredentials = z.infer<typeof syncCredentialsSchema>;

/** A passphrase: long enough to resist guessing with Argon2id in front of it. */
export const syncPassphraseSchema = z.string().min(12, 'A passphrase has at least 12 characters.').max(1024);

/**
 * The recovery key as shown once: groups of characters to print or write down, and the positions
 * of the groups the writer types back to prove they have it before the keys are kept.
 */
export const recoveryKeyCeremonySchema = z.object({
  groups: z.array(z.string()),
  /** 0-based indexes into `groups` to type back. */
  challenge: z.array(z.number().int().nonnegative()),
});
export type RecoveryKeyCeremony = z.infer<typeof recoveryKeyCeremonySchema>;

export const syncDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int().nullable(),
  current: z.boolean(),
});
export type SyncDevice = z.infer<typeof syncDeviceSchema>;

export const syncBackupSchema = z.object({
  id: z.string(),
  kind: z.enum(['full', 'incremental']),
  /** The full backup (or previous incremental) this one builds on. */
  parentId: z.string().nullable(),
  createdAt: z.number().int(),
  /** Size on the server (padded ciphertext). */
  bytes: z.number().int().nonnegative(),
  /** Name of the device that made it (decrypted from its manifest). */
  deviceName: z.string(),
  /** Projects and words in it, from its manifest. */
  projects: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
});
export type SyncBackup = z.infer<typeof syncBackupSchema>;

export const syncRestoreSchema = z
  .object({
    backupId: z.string().min(1).max(200),
    /** `in-place` takes a local snapshot first; `new-folder` leaves this data folder untouched. */
    target: z.enum(['in-place', 'new-folder']),
    /** For `new-folder`: an absolute path of an empty or missing folder. */
    folder: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type SyncRestore = z.infer<typeof syncRestoreSchema>;

export const syncPlanSchema = z.object({
  tier: syncTierSchema,
  usedBytes: z.number().int().nonnegative(),
  /** null = unlimited. */
  quotaBytes: z.number().int().nonnegative().nullable(),
});
export type SyncPlan = z.infer<typeof syncPlanSchema>;

/** A job the UI follows through `job.changed` (backup, restore). */
export const syncJobStartedSchema = z.object({ jobId: idSchema });
