import { z } from 'zod';

const boolean = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

/**
 * Where the endpoint keeps its data, from the environment. `DATABASE_URL` selects PostgreSQL
 * for the metadata (else SQLite in the data folder); `S3_BUCKET` selects S3-compatible object
 * storage for the blobs (else a folder in the data folder). The two choices are independent.
 */
const StorageEnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3–63 characters)').optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs; on by default when an endpoint is given (MinIO, R2, s3rver need them). */
  S3_FORCE_PATH_STYLE: boolean.optional(),
  /** A key prefix inside the bucket (e.g. `nova/`). */
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'empty or folder names ending in /').default(''),
  /** Bytes per multipart part (≥ 5 MiB). */
  S3_PART_BYTES: z.coerce.number().int().min(5 * 1024 * 1024).default(8 * 1024 * 1024),
  /** Uploads untouched this long are discarded (hours). */
  S3_STALE_UPLOAD_HOURS: z.coerce.number().positive().default(7 * 24),
});

export interface StorageConfig {
  postgres: { connectionString: string; poolSize: number } | null;
  s3: {
    bucket: string;
    endpoint?: string;
    region: string;
    forcePathStyle: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    prefix: string;
    partBytes: number;
    staleUploadMs: number;
  } | null;
}

/** Reads and checks the storage settings; throws with every problem listed. */
export function loadStorageConfig(env: Record<string, string | undefined>): StorageConfig {
  const parsed = StorageEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`The cloud endpoint's storage configuration is not valid: ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new Error("The cloud endpoint's storage configuration is not valid: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together.");
  }
  return {
    postgres: e.DATABASE_URL ? { connectionString: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : null,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
          region: e.S3_REGION,
          forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
          ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
            ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } }
            : {}),
          prefix: e.S3_PREFIX,
          partBytes: e.S3_PART_BYTES,
          staleUploadMs: Math.round(e.S3_STALE_UPLOAD_HOURS * 3_600_000),
        }
      : null,
  };
}
