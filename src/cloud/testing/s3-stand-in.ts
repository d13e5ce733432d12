import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { createS3Client } from '../storage/s3/s3-client';

/** An S3 stand-in for tests: s3rver in this process on 127.0.0.1, one bucket, and a client for it. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A fresh client (each adapter instance of a "restart" gets its own). */
  client(): S3Client;
  /** Multipart upload ids aborted so far (s3rver has no AbortMultipartUpload: the stand-in adds it). */
  aborted: string[];
  stop(): Promise<void>;
}

/** The AWS SDK's Node-20 notice is a deprecation notice for the SDK's future releases, not a test result: it is silenced by its documented switch. */
export function silenceAwsNodeVersionNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

export async function startTestS3(): Promise<TestS3> {
  silenceAwsNodeVersionNotice();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'nova-s3-'));
  const bucket = 'nova-test-blobs';
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const aborted: string[] = [];
  // s3rver 3 answers AbortMultipartUpload with 405; real S3 drops the upload's parts.
  server.middleware.unshift(async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && uploadId && /^[0-9a-f]+$/.test(uploadId)) {
      const bucketName = ctx.path.split('/')[1] ?? '';
      await rm(path.join(server.store.getResourcePath(bucketName, undefined, 'uploads'), uploadId), { recursive: true, force: true });
      aborted.push(uploadId);
      ctx.status = 204;
      return;
    }
    await next();
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    ...credentials,
    aborted,
    client: () => createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials }),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
