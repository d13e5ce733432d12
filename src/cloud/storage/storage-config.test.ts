import { describe, expect, it } from 'vitest';
import { loadStorageConfig } from './storage-config';

describe('loadStorageConfig', () => {
  it('chooses SQLite and a folder when nothing is set', () => {
    expect(loadStorageConfig({})).toEqual({ postgres: null, s3: null });
  });

  it('reads PostgreSQL and S3 settings, path-style by default with an endpoint', () => {
    const config = loadStorageConfig({
      DATABASE_URL: 'postgres://nova:secret@db:5432/nova',
      DATABASE_POOL_SIZE: '20',
      S3_BUCKET: 'nova-blobs',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PREFIX: 'prod/',
    });
    expect(config.postgres).toEqual({ connectionString: 'postgres://nova:secret@db:5432/nova', poolSize: 20 });
    expect(config.s3).toMatchObject({
      bucket: 'nova-blobs',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      prefix: 'prod/',
      partBytes: 8 * 1024 * 1024,
    });
    expect(loadStorageConfig({ S3_BUCKET: 'nova-blobs' }).s3).toMatchObject({ forcePathStyle: false, prefix: '' });
    expect(loadStorageConfig({ S3_BUCKET: 'nova-blobs' }).s3?.credentials).toBeUndefined();
  });

  it('fails loudly on a bad URL, bucket name, part size or half a key pair', () => {
    expect(() => loadStorageConfig({ DATABASE_URL: 'mysql://x', S3_BUCKET: 'ab', S3_PART_BYTES: '1024' })).toThrow(/DATABASE_URL.*S3_BUCKET.*S3_PART_BYTES/);
    expect(() => loadStorageConfig({ S3_BUCKET: 'nova-blobs', S3_ACCESS_KEY_ID: 'key' })).toThrow(/go together/);
  });
});
