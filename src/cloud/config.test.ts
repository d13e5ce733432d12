import { describe, expect, it } from 'vitest';
import { loadCloudConfig } from './config';

describe('loadCloudConfig', () => {
  it('fills defaults for local development', () => {
    const config = loadCloudConfig({ CLOUD_DATA_DIR: '/tmp/nova-cloud' });
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: '/tmp/nova-cloud', defaultTier: 'free', rateLimitScale: 1, stripe: null });
    expect(config.tokenTtlMs).toBe(30 * 24 * 3_600_000);
  });

  it('reads Stripe keys, prices and the API host', () => {
    const config = loadCloudConfig({
      CLOUD_DEFAULT_TIER: 'team',
      CLOUD_TOKEN_TTL_HOURS: '2',
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_PRICE_PRO: 'price_pro',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
    });
    expect(config.defaultTier).toBe('team');
    expect(config.tokenTtlMs).toBe(7_200_000);
    expect(config.stripe).toMatchObject({ secretKey: 'sk_test_x', webhookSecret: 'whsec_x', prices: { pro: 'price_pro' } });
    expect(config.stripe?.apiBase?.port).toBe('12111');
  });

  it('fails loudly, naming every bad variable', () => {
    expect(() => loadCloudConfig({ CLOUD_PORT: 'eighty', CLOUD_DEFAULT_TIER: 'gold' })).toThrow(/CLOUD_PORT.*CLOUD_DEFAULT_TIER/);
  });
});
