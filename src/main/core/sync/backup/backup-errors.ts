import { CloudErrorSchema } from '../../../../shared/cloud/errors';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';

/**
 * The errors of backup and restore, one sentence each a writer can act on. Cloud error codes
 * map onto the app's: a lost connection or a rate limit is retryable (the job runner retries it
 * with back-off); a full plan, a missing backup or a refused token is not.
 */
export const backupErrors = {
  unreachable: (cause?: unknown) =>
    new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'The sync server could not be reached. The backup continues where it stopped once it can be.', {
      retryable: true,
      cause,
    }),
  fromCloud(status: number, body: unknown): AppError {
    const parsed = CloudErrorSchema.safeParse(body);
    const message = parsed.success ? parsed.data.message : `The sync server answered ${status}.`;
    switch (parsed.success ? parsed.data.code : null) {
      case 'UNAUTHORIZED':
        return new AppError(ErrorCode.UNAUTHORIZED, 'This device is signed out of the sync server: sign in again to back up or restore.');
      case 'NOT_FOUND':
        return new AppError(ErrorCode.NOT_FOUND, message);
      case 'QUOTA_EXCEEDED':
      case 'TOO_LARGE':
        return new AppError(ErrorCode.TOO_LARGE, message);
      case 'RATE_LIMITED':
        return new AppError(ErrorCode.RATE_LIMITED, message, { retryable: true });
      case 'INVALID_INPUT':
        return new AppError(ErrorCode.INVALID_INPUT, message);
      case 'CONFLICT':
      case 'IN_USE':
        return new AppError(ErrorCode.CONFLICT, message);
      default:
        // 5xx, a checksum refused, storage down: worth another try.
        return new AppError(ErrorCode.PROVIDER_FAILED, `The sync server could not finish the request: ${message}`, { retryable: true });
    }
  },
  chainBroken: (why: string) => new AppError(ErrorCode.TAMPERED, `The backup's history does not hold together (${why}), so nothing was restored.`),
  badFolder: (why: string) => new AppError(ErrorCode.INVALID_INPUT, why),
  noFullBackup: () => new AppError(ErrorCode.NOT_FOUND, 'There is no backup to build on yet: the first backup is a full one.'),
} as const;
