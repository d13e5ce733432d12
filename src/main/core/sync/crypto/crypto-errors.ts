import { AppError, ErrorCode } from '../../../../shared/ipc/errors';

/**
 * The errors of sync crypto, one sentence each that a writer can act on. They never carry key
 * material, plaintext or a libsodium message: only what was refused and why.
 */
export const cryptoErrors = {
  wrongPassphrase: () => new AppError(ErrorCode.WRONG_PASSPHRASE, 'That passphrase does not unlock your encrypted backup and sync. Check it and try again, or use your recovery key.'),
  wrongRecoveryKey: () => new AppError(ErrorCode.WRONG_RECOVERY_KEY, 'That recovery key is valid but belongs to other keys: it does not unlock this backup and sync.'),
  invalidRecoveryKey: (why: string) => new AppError(ErrorCode.INVALID_RECOVERY_KEY, `That is not a valid recovery key: ${why}`),
  /** `orCut`: for a stream, where a cut inside a chunk cannot be told from a change. */
  tampered: (what: string, orCut = false) =>
    new AppError(ErrorCode.TAMPERED, `${what} was changed${orCut ? ', cut short' : ''}, or does not belong here, so it was not used.`),
  truncated: (what: string) => new AppError(ErrorCode.TRUNCATED, `${what} ends early: part of it is missing, so it was not used.`),
  locked: () => new AppError(ErrorCode.KEYS_LOCKED, 'Encrypted backup and sync is locked: enter your passphrase to unlock it.'),
} as const;
