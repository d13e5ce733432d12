import { cryptoErrors } from './crypto-errors';
import type { SodiumPort } from './sodium.port';

/**
 * The recovery key: 160 random bits a writer prints or writes down once, which unlock the sync
 * keys when the passphrase is forgotten. Written in Crockford base32 (no I, L, O or U, so no 1/I
 * or 0/O confusion) as eight groups of four characters, then a ninth group of checksum:
 *
 *     7M2Q-XK4D-B9TR-0HZC-W5NE-P3AJ-6FVY-G8S1-K4QD
 *
 * The checksum is 20 bits of a BLAKE2b hash of the key, so a typo, two swapped characters or two
 * swapped groups are caught (each slips through with probability 2⁻²⁰) before any unlocking
 * is tried: the writer hears "there is a typo", not "wrong key".
 */
export const RECOVERY_KEY_BYTES = 20;
/** Data groups (eight) plus the checksum group. */
export const RECOVERY_KEY_GROUPS = 9;
const GROUP = 4;
const DATA_CHARS = 32;
const CHECK_BITS = 20;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The checksum's BLAKE2b key: a domain string (36 bytes; BLAKE2b keys are 16–64), so no other hash of the key ever matches it. */
const CHECK_DOMAIN = new TextEncoder().encode('nova-studio recovery-key checksum v1');

/** Encodes 20 random bytes as the printable recovery key (groups joined by dashes). */
export function formatRecoveryKey(sodium: SodiumPort, bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_KEY_BYTES) throw new Error(`a recovery key is ${RECOVERY_KEY_BYTES} bytes`);
  const chars = toBase32(bytes) + checksumChars(sodium, bytes);
  return groupsOf(chars).join('-');
}

/**
 * The 20 bytes of a recovery key as a person typed it: case, spaces, dashes and line breaks do
 * not matter, and O/I/L read as 0/1/1. Throws INVALID_RECOVERY_KEY naming the problem.
 */
export function parseRecoveryKey(sodium: SodiumPort, typed: string): Uint8Array {
  const chars = normalise(typed);
  const bad = [...chars].find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) throw cryptoErrors.invalidRecoveryKey(`“${bad}” is not one of its characters.`);
  if (chars.length !== DATA_CHARS + CHECK_BITS / 5) {
    throw cryptoErrors.invalidRecoveryKey(`it has ${RECOVERY_KEY_GROUPS} groups of ${GROUP} characters (${DATA_CHARS + CHECK_BITS / 5} in all); this has ${chars.length}.`);
  }
  const bytes = fromBase32(chars.slice(0, DATA_CHARS));
  if (checksumChars(sodium, bytes) !== chars.slice(DATA_CHARS)) {
    throw cryptoErrors.invalidRecoveryKey('it has a typo (the last group does not match the others). Check each group against your copy.');
  }
  return bytes;
}

/** The groups of a recovery key as typed, normalised (for the check-back ceremony and display). */
export function recoveryKeyGroups(typed: string): string[] {
  return groupsOf(normalise(typed));
}

/**
 * Which groups (0-based) to ask the writer to type back after showing the key: `count` distinct
 * data groups, in order, picked with `random` (the Random port, so tests fix it).
 */
export function recoveryKeyChallenge(random: { next(): number }, count = 3): number[] {
  const pool = Array.from({ length: DATA_CHARS / GROUP }, (_, i) => i);
  const picked: number[] = [];
  const wanted = Math.min(count, pool.length);
  while (picked.length < wanted) {
    const [index] = pool.splice(Math.floor(random.next() * pool.length), 1);
    if (index !== undefined) picked.push(index);
  }
  return picked.sort((a, b) => a - b);
}

/**
 * Checks the groups typed back (`answers[i]` for group `challenge[i]`, as `sync.keys.confirm`
 * receives them): the indexes whose answer differs from the key, empty when all match. Case,
 * spaces and O/0, I/L/1 do not count as differences.
 */
export function checkRecoveryKeyAnswers(key: string, challenge: readonly number[], answers: readonly string[]): number[] {
  const groups = recoveryKeyGroups(key);
  return challenge.filter((index, i) => {
    const typed = answers[i];
    return typed === undefined || groups[index] === undefined || normalise(typed) !== groups[index];
  });
}

function normalise(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function groupsOf(chars: string): string[] {
  return Array.from({ length: Math.ceil(chars.length / GROUP) }, (_, i) => chars.slice(i * GROUP, i * GROUP + GROUP));
}

function checksumChars(sodium: SodiumPort, bytes: Uint8Array): string {
  const hash = sodium.genericHash(32, bytes, CHECK_DOMAIN);
  // The top 20 bits of the hash: four base32 characters.
  const value = (((hash[0] ?? 0) << 12) | ((hash[1] ?? 0) << 4) | ((hash[2] ?? 0) >> 4)) >>> 0;
  return Array.from({ length: CHECK_BITS / 5 }, (_, i) => ALPHABET[(value >> (CHECK_BITS - 5 * (i + 1))) & 31]).join('');
}

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function fromBase32(chars: string): Uint8Array {
  const out = new Uint8Array(Math.floor((chars.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of chars) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out[index] = (value >> (bits - 8)) & 255;
      index += 1;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return out;
}
