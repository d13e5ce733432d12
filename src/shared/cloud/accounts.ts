import { z } from 'zod';
import { Base64Schema, EpochMsSchema, OpaqueIdSchema } from './common';
import { TierSchema } from './tiers';

/** Bounds of a device name blob (the client seals the name; the server never reads it). */
export const MAX_DEVICE_NAME_BYTES = 1024;

export const DeviceIntroSchema = z.object({
  /** Random, made once per data folder by the client. */
  id: OpaqueIdSchema,
  /** The device's name sealed by the client (base64). */
  name: Base64Schema.max(Math.ceil((MAX_DEVICE_NAME_BYTES * 4) / 3) + 4),
});

/** `POST /v1/accounts/sign-up` and `POST /v1/accounts/sign-in`. */
export const CredentialsRequestSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(10, 'A password has at least 10 characters.').max(1024),
  device: DeviceIntroSchema,
});
export type CredentialsRequest = z.infer<typeof CredentialsRequestSchema>;

/** The answer to sign-up and sign-in: a bearer token for this device. */
export const SessionResponseSchema = z.object({
  token: z.string(),
  expiresAt: EpochMsSchema,
  accountId: z.string(),
  deviceId: OpaqueIdSchema,
  tier: TierSchema,
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const DeviceSchema = z.object({
  id: OpaqueIdSchema,
  name: Base64Schema,
  createdAt: EpochMsSchema,
  lastSeenAt: EpochMsSchema,
  revokedAt: EpochMsSchema.nullable(),
  /** The highest feed seq the device acknowledged. */
  cursor: z.number().int().nonnegative(),
  /** True for the device making the request. */
  current: z.boolean(),
});

/** `GET /v1/devices`. */
export const DeviceListResponseSchema = z.object({ devices: z.array(DeviceSchema) });
export type DeviceListResponse = z.infer<typeof DeviceListResponseSchema>;

/** `PUT /v1/cursor`: what this device has applied of the feed. */
export const CursorRequestSchema = z.object({ seq: z.number().int().nonnegative() });
