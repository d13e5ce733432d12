import { S3Client } from '@aws-sdk/client-s3';

export interface S3ConnectionOptions {
  /** An S3-compatible endpoint (MinIO, R2, …); AWS's own when absent. */
  endpoint?: string;
  region: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Static keys; absent = the SDK's default chain (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * An S3 client for the blob store. Checksums only where S3 requires them: the SDK's default
 * streams bodies in aws-chunked encoding with trailing CRCs, which several S3-compatible servers
 * do not speak; the store checks its own SHA-256 of every blob anyway.
 */
export function createS3Client(options: S3ConnectionOptions): S3Client {
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
