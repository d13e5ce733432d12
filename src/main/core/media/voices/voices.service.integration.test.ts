import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePiperCatalogue, type FakePiperCatalogue } from '../../../testing/fake-piper-catalogue';
import { buildPiperTestVoices, TEST_VOICE } from '../../../testing/piper-test-voice';
import { composeTts } from '../tts';
import { sampleSentenceFor } from './voice-samples';
import { createVoicesService } from './voices.service';

let server: FakePiperCatalogue;
let dataDir: string;
beforeAll(async () => {
  server = await startFakePiperCatalogue(buildPiperTestVoices(), [TEST_VOICE.key]);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'nova-voices-'));
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const serviceWith = (key: string | null, catalogueUrl = server.baseUrl) =>
  createVoicesService({
    dataDir,
    tts: composeTts({ dataDir, getOpenAIKey: () => Promise.resolve(key), startPiperWorker: null }),
    mediaFiles: { root: path.join(dataDir, 'media'), describe: () => Promise.reject(new Error('not used')) },
    clock: { now: () => 0 },
    onInstallChange: () => undefined,
    catalogueUrl,
  });

describe('the voices service', () => {
  it('lists OpenAI’s voices only when a key is stored, after local installed voices and before espeak-ng', async () => {
    const { voices: withKey, catalogue } = await serviceWith('sk-test').list();
    expect(catalogue).toEqual({ source: 'network' });
    const engines = withKey.filter((v) => v.installed).map((v) => v.engine);
    expect(engines.indexOf('openai')).toBeGreaterThanOrEqual(0);
    expect(engines.lastIndexOf('openai')).toBeLessThan(engines.indexOf('espeak-ng'));
    expect(withKey.find((v) => v.engine === 'openai' && v.id === 'alloy')).toEqual({ engine: 'openai', id: 'alloy', name: 'Alloy', language: 'en', installed: true });
    expect((await serviceWith(null).list()).voices.some((v) => v.engine === 'openai')).toBe(false);
  });

  it('still lists the local voices when the catalogue cannot be fetched and was never saved, and says why with what to do', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'nova-voices-offline-'));
    const offline = createVoicesService({
      dataDir: fresh,
      tts: composeTts({ dataDir: fresh, getOpenAIKey: () => Promise.resolve(null), startPiperWorker: null }),
      mediaFiles: { root: fresh, describe: () => Promise.reject(new Error('not used')) },
      clock: { now: () => 0 },
      onInstallChange: () => undefined,
      catalogueUrl: 'http://127.0.0.1:9/',
    });
    const { voices, catalogue } = await offline.list();
    expect(catalogue).toEqual({ source: 'none', problem: { code: 'PROVIDER_UNREACHABLE', message: expect.stringMatching(/could not be downloaded .*connect to the internet/) as string } });
    expect(voices.length).toBeGreaterThan(20);
    expect(voices.every((v) => v.engine === 'espeak-ng' && v.installed)).toBe(true);
    await rm(fresh, { recursive: true, force: true });
  });
});

describe('preview sentences', () => {
  it('speak the voice’s language when there is a sample for it, else English', () => {
    expect(sampleSentenceFor('de')).toMatch(/^Der Leuchtturmwärter/);
    expect(sampleSentenceFor('pt-BR')).toMatch(/^O faroleiro/);
    expect(sampleSentenceFor('en_US')).toMatch(/^The lighthouse keeper/);
    expect(sampleSentenceFor('nb')).toMatch(/^Fyrvokteren/);
    expect(sampleSentenceFor('sw')).toBe(sampleSentenceFor('en'));
    expect(sampleSentenceFor(undefined)).toBe(sampleSentenceFor('en'));
  });
});
