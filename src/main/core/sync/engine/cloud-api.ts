import { z } from 'zod';
import { DeviceListResponseSchema, SessionResponseSchema, type CredentialsRequest } from '../../../../shared/cloud/accounts';
import { CheckoutResponseSchema, PlanResponseSchema } from '../../../../shared/cloud/billing';
import {
  FeedResponseSchema,
  KeyringResponseSchema,
  PutRecordsResponseSchema,
  type PutRecordsRequest,
} from '../../../../shared/cloud/records';
import type { PaidTier } from '../../../../shared/cloud/tiers';
import type { CloudClient } from './cloud-client';

const KeyringPutResponseSchema = z.object({ version: z.number().int().positive() });

/**
 * The endpoint's routes as typed calls (shapes from `src/shared/cloud/`, never re-declared).
 * The backup part adds its uploads/blobs/backups calls beside these on the same {@link CloudClient}.
 */
export function createCloudApi(client: CloudClient) {
  return {
    client,
    signUp: (body: CredentialsRequest) => client.request({ method: 'POST', route: '/accounts/sign-up', json: body, schema: SessionResponseSchema, auth: false }),
    signIn: (body: CredentialsRequest) => client.request({ method: 'POST', route: '/accounts/sign-in', json: body, schema: SessionResponseSchema, auth: false }),
    signOut: () => client.request<void>({ method: 'POST', route: '/accounts/sign-out' }),
    devices: () => client.request({ method: 'GET', route: '/devices', schema: DeviceListResponseSchema }),
    revokeDevice: (deviceId: string) => client.request<void>({ method: 'DELETE', route: `/devices/${encodeURIComponent(deviceId)}` }),
    putCursor: (seq: number) => client.request<void>({ method: 'PUT', route: '/cursor', json: { seq } }),
    /** The keyring, or null when the account has none yet. */
    async getKeyring() {
      try {
        return await client.request({ method: 'GET', route: '/keyring', schema: KeyringResponseSchema });
      } catch (error) {
        if (error instanceof Error && 'cloud' in error && (error as { cloud: { code?: string } | null }).cloud?.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    putKeyring: (baseVersion: number, blob: string) => client.request({ method: 'PUT', route: '/keyring', json: { baseVersion, blob }, schema: KeyringPutResponseSchema }),
    putRecords: (body: PutRecordsRequest) => client.request({ method: 'POST', route: '/records', json: body, schema: PutRecordsResponseSchema }),
    feed: (after: number, limit: number) => client.request({ method: 'GET', route: `/feed?after=${after}&limit=${limit}`, schema: FeedResponseSchema }),
    plan: () => client.request({ method: 'GET', route: '/plan', schema: PlanResponseSchema }),
    checkout: (tier: PaidTier, successUrl: string, cancelUrl: string) =>
      client.request({ method: 'POST', route: '/billing/checkout', json: { tier, successUrl, cancelUrl }, schema: CheckoutResponseSchema }),
  };
}

export type CloudApi = ReturnType<typeof createCloudApi>;
