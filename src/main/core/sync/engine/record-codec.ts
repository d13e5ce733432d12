import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RecordState } from '../changes';
import type { RecordSealer } from '../crypto';

/** The collection of scene text (its state is a Yjs update, not an LWW map). */
export const SCENE_DOC = 'scene-doc';
/**
 * The sealing address's collection of every synced record. The server id (keyed hash of the
 * record's collection and id) and the version are the associated data; the collection and id
 * travel inside the sealed payload, and a payload whose own (collection, id) does not hash to the
 * server id it was found under is refused: so a device that never saw a record can open it, and
 * the server still cannot move one record's bytes onto another, or to another version.
 */
const WIRE_COLLECTION = 'sync-record';

const payloadSchema = z.union([
  z.object({ c: z.literal(SCENE_DOC), i: z.string(), u: z.base64() }),
  z.object({
    c: z.string(),
    i: z.string(),
    s: z.object({ fields: z.record(z.string(), z.object({ value: z.union([z.string(), z.number(), z.null()]), hlc: z.string() })), tombstone: z.string().optional() }),
  }),
]);

/** A record opened from the server: a table record's state, or a scene's Yjs update. */
export type OpenedRecord = { kind: 'state'; state: RecordState } | { kind: 'scene-doc'; sceneId: string; update: Uint8Array };

export const tampered = (what: string) =>
  new AppError(ErrorCode.SYNC_SERVER_TAMPERED, `Sync stopped: ${what}. Nothing from the server was applied; your data on this device is unchanged.`);

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const text = new TextEncoder();
const decode = new TextDecoder('utf-8', { fatal: true });

/** Seals a record's plaintext for the server at `version`. */
export function sealPayload(sealer: RecordSealer, serverId: string, version: number, record: OpenedRecord): Uint8Array {
  const payload =
    record.kind === 'scene-doc'
      ? { c: SCENE_DOC, i: record.sceneId, u: Buffer.from(record.update).toString('base64') }
      : { c: record.state.collection, i: record.state.id, s: { fields: record.state.fields, ...(record.state.tombstone !== undefined && { tombstone: record.state.tombstone }) } };
  return sealer.sealRecord({ collection: WIRE_COLLECTION, id: serverId, version, plaintext: text.encode(JSON.stringify(payload)) });
}

/** Opens a sealed record found under `serverId` at `version`; SYNC_SERVER_TAMPERED when it does not open or does not belong there. */
export function openPayload(sealer: RecordSealer, serverId: string, version: number, sealed: Uint8Array): OpenedRecord {
  let plaintext: Uint8Array;
  try {
    plaintext = sealer.openRecord({ collection: WIRE_COLLECTION, id: serverId, version, sealed });
  } catch {
    throw tampered(`a record from the server (${serverId.slice(0, 8)}…, version ${version}) does not open with your keys: its bytes were changed or moved`);
  }
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(decode.decode(plaintext)));
  } catch {
    throw tampered(`a record from the server (${serverId.slice(0, 8)}…) opened but is not a record this version understands`);
  }
  if (sealer.serverIdOf(parsed.c, parsed.i) !== serverId) throw tampered(`a record from the server was found under another record's id`);
  if ('u' in parsed) return { kind: 'scene-doc', sceneId: parsed.i, update: new Uint8Array(Buffer.from(parsed.u, 'base64')) };
  return { kind: 'state', state: { collection: parsed.c, id: parsed.i, fields: parsed.s.fields, ...(parsed.s.tombstone !== undefined && { tombstone: parsed.s.tombstone }) } };
}
