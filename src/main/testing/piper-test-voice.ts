import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test voice's constants (scripts/testing/make-piper-test-voice.py). */
export const TEST_VOICE = {
  key: 'en_US-test-x_low',
  multiKey: 'en_US-multi-x_low',
  sampleRate: 16_000,
  hop: 256,
  baseHz: 200,
  hzPerId: 4,
  hzPerSpeaker: 50,
} as const;

const SCRIPT = fileURLToPath(new URL('../../../scripts/testing/make-piper-test-voice.py', import.meta.url));

/**
 * Builds the Piper-shaped test voices (a single-speaker and a 3-speaker one) with Debian's
 * python3-onnx, once per version of the script: into a temp folder named by the script's hash,
 * so every test file of a run shares one build. Returns that folder (`<key>.onnx` + `.onnx.json`).
 */
export function buildPiperTestVoices(): string {
  const hash = createHash('sha256').update(readFileSync(SCRIPT)).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `nova-piper-test-voice-${hash}`);
  if (existsSync(path.join(dir, `${TEST_VOICE.multiKey}.onnx.json`))) return dir;
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  execFileSync('/usr/bin/python3', [SCRIPT, staging, '--name', TEST_VOICE.key, '--sample-rate', String(TEST_VOICE.sampleRate)]);
  execFileSync('/usr/bin/python3', [SCRIPT, staging, '--name', TEST_VOICE.multiKey, '--speakers', '3', '--sample-rate', String(TEST_VOICE.sampleRate)]);
  try {
    renameSync(staging, dir);
  } catch {
    // Another test file built it at the same time: theirs is as good.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** Installs a built test voice into a data folder's `voices/piper/<key>/`, as a download would. */
export function installTestVoice(voicesDir: string, key: string = TEST_VOICE.key): string {
  const built = buildPiperTestVoices();
  const folder = path.join(voicesDir, key);
  mkdirSync(folder, { recursive: true });
  for (const suffix of ['.onnx', '.onnx.json']) cpSync(path.join(built, `${key}${suffix}`), path.join(folder, `${key}${suffix}`));
  return folder;
}
