import { createHash } from 'node:crypto';
import { chainPreimage, GENESIS_HASH } from '../../shared/cloud/records';
import type { ChainLink } from '../storage/metadata-store';

/** SHA-256 (hex) of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The feed's hash chain as the shared schema defines it (`chainPreimage`). */
export const sha256Chain: ChainLink = {
  genesis: GENESIS_HASH,
  next: (previousHash, seq, id, version, ciphertextHash) => sha256Hex(chainPreimage(previousHash, seq, id, version, ciphertextHash)),
};
