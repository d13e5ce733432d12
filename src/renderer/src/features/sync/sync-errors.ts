import type { AppErrorShape } from '../../../../shared/ipc/errors';
import { ApiError } from '../../lib/api';

/** What the writer can do about a sync problem; the panel turns each into a button. */
export type SyncFix = 'unlock' | 'recover' | 'sign-in' | 'upgrade' | 'retry' | 'wait' | null;

/** A sync problem as the writer reads it: a short title, a sentence, and what to do. */
export interface SyncProblemView {
  code: string;
  title: string;
  message: string;
  fix: SyncFix;
  /** The core's own sentence (where it names specifics the UI's words leave out: which group). */
  coreMessage: string;
}

interface Known {
  title: string;
  /** null: the core's own sentence (it names the specifics: which group, how long to wait). */
  message: string | null;
  fix: SyncFix;
}

const LOCKED: Known = { title: 'Keys locked', message: 'Your sync keys are locked on this device. Unlock them with your passphrase (or your recovery key).', fix: 'unlock' };
const SIGNED_OUT: Known = {
  title: 'Signed out',
  message: 'This device is no longer signed in to your sync account (the sign-in expired or the device was removed). Sign in again; your writing here is safe.',
  fix: 'sign-in',
};
const QUOTA: Known = {
  title: 'Storage full',
  message: 'Your plan’s storage is full, so new changes wait on this device. Upgrade your plan for more room; nothing is lost meanwhile.',
  fix: 'upgrade',
};
const OFFLINE: Known = {
  title: 'Offline',
  message: 'The sync server cannot be reached. Your changes are kept on this device and go up as soon as it is back. Check your connection or the server’s address.',
  fix: 'retry',
};
const TAMPERED: Known = {
  title: 'Server data refused',
  message:
    'The sync server sent data that was altered, incomplete or older than what this device has already seen. Nothing from it was applied and your writing here is safe; sync is paused. Tell the server’s operator, then try again.',
  fix: 'retry',
};

/**
 * Codes the sync engine (ErrorCode's SYNC_* and key codes) and the cloud endpoint use, by name.
 * Keyed by string on purpose: the endpoint's own codes are not ErrorCodes, and an unknown code
 * still shows the core's sentence and a Retry when retryable — never nothing.
 */
const KNOWN: Record<string, Known> = {
  WRONG_PASSPHRASE: {
    title: 'Wrong passphrase',
    message: 'That passphrase does not unlock your keys. Check Caps Lock and the keyboard layout and try again — or use your recovery key.',
    fix: 'recover',
  },
  WRONG_RECOVERY_KEY: {
    title: 'Another recovery key',
    message: 'That recovery key is well-formed but belongs to other keys. Find the recovery key you wrote down for this account.',
    fix: null,
  },
  INVALID_RECOVERY_KEY: {
    title: 'Typo in the recovery key',
    message: 'The recovery key as typed has a typo: its check does not match. Compare each group with your written copy (letters and digits that look alike are the usual culprits).',
    fix: null,
  },
  KEYS_LOCKED: LOCKED,
  UNAUTHORIZED: SIGNED_OUT,
  SYNC_SIGNED_OUT: SIGNED_OUT,
  // The server's refusal (wrong password, email taken, revoked device): the core's sentence says which.
  SYNC_REJECTED: { title: 'Refused by the server', message: null, fix: null },
  SYNC_SERVER_FAILED: { title: 'Server problem', message: null, fix: 'retry' },
  NOT_AVAILABLE: { title: 'Not available yet', message: null, fix: null },
  INVALID_CREDENTIALS: { title: 'Wrong email or password', message: 'The email or the password is wrong. Check both and try again.', fix: null },
  EMAIL_TAKEN: { title: 'Account exists', message: 'There is already an account with this email on that server. Sign in instead.', fix: 'sign-in' },
  QUOTA_EXCEEDED: QUOTA,
  SYNC_QUOTA_EXCEEDED: QUOTA,
  PROVIDER_UNREACHABLE: OFFLINE,
  SYNC_OFFLINE: OFFLINE,
  DISCONNECTED: { title: 'Core not answering', message: 'Nova Studio’s core is not answering right now. Try again in a moment.', fix: 'retry' },
  TAMPERED,
  TRUNCATED: TAMPERED,
  SYNC_SERVER_TAMPERED: TAMPERED,
  RATE_LIMITED: { title: 'Server busy', message: null, fix: 'wait' },
  BILLING_UNAVAILABLE: { title: 'No plans here', message: 'This sync server does not sell plans. Ask its operator for more storage.', fix: null },
  BILLING_FAILED: { title: 'Checkout failed', message: 'The checkout could not be started (the payment service did not answer). Try again in a moment.', fix: 'retry' },
};

function shapeOf(error: unknown): { code: string; message: string; retryable: boolean } {
  if (error instanceof ApiError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const shape = error as AppErrorShape;
    return { code: String(shape.code), message: String(shape.message), retryable: shape.retryable === true };
  }
  return { code: 'INTERNAL', message: 'Something unexpected went wrong. Your writing is safe.', retryable: true };
}

/** The title of a problem the UI has no words of its own for. */
export const GENERIC_TITLE = 'Sync problem';

/**
 * Maps a failed sync call or a status problem to words and a fix. Codes the UI knows get its own
 * sentence; the rest keep the core's (human, never a stack trace) and a Retry when retryable.
 */
export function describeSyncError(error: unknown): SyncProblemView {
  const shape = shapeOf(error);
  const known = KNOWN[shape.code];
  if (known) return { code: shape.code, title: known.title, message: known.message ?? shape.message, fix: known.fix, coreMessage: shape.message };
  return { code: shape.code, title: GENERIC_TITLE, message: shape.message, fix: shape.retryable ? 'retry' : null, coreMessage: shape.message };
}

/** The label of the button each fix puts beside the problem. */
export const FIX_LABELS: Record<Exclude<SyncFix, null>, string> = {
  unlock: 'Unlock',
  recover: 'Use the recovery key',
  'sign-in': 'Sign in',
  upgrade: 'Upgrade',
  retry: 'Try again',
  wait: 'Try again',
};
