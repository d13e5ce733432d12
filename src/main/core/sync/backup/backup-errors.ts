import { CloudErrorSchema } from '../../../../shared/cloud/errors';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { appErrorOfCloud } from '../engine';

/**
 * The errors of backup and restore, one sentence each a writer can act on. The endpoint's
 * answers map onto the app's codes as the sync engine maps them (`appErrorOfCloud`:
 * SYNC_SIGNED_OUT, SYNC_QUOTA_EXCEEDED, RATE_LIMITED, SYNC_SERVER_FAILED…), so the UI offers
 * the same action whichever part met it; a missing backup stays NOT_FOUND. A lost connection,
 * a rate limit or a failing server is retryable (the job runner retries with back-off).
 */
export const backupErrors = {
  unreachable: (cause?: unknown) =>
    new AppError(ErrorCode.SYNC_OFFLINE, 'The sync server cannot be reached. The backup continues where it stopped once it can be.', {
      retryable: true,
      cause,
    }),
  fromCloud(status: number, body: unknown): AppError {
    const parsed = CloudErrorSchema.safeParse(body);
    const cloud = parsed.success ? parsed.data : null;
    if (cloud?.code === 'NOT_FOUND') return new AppError(ErrorCode.NOT_FOUND, cloud.message);
    return appErrorOfCloud(status, cloud);
  },
  chainBroken: (why: string) => new AppError(ErrorCode.TAMPERED, `The backup's history does not hold together (${why}), so nothing was restored.`),
  badFolder: (why: string) => new AppError(ErrorCode.INVALID_INPUT, why),
  noFullBackup: () => new AppError(ErrorCode.NOT_FOUND, 'There is no backup to build on yet: the first backup is a full one.'),
} as const;
