import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, FAKE_SPEECH_SAMPLE_RATE, fakeSpeechFrames, startFakeLlmServer, type FakeLlmServer } from '.';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer();
});
afterEach(() => server.close());

const speak = (body: Record<string, unknown>) =>
  fetch(`${server.openaiBaseUrl}/audio/speech`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_OPENAI_KEY}` },
    body: JSON.stringify({ model: 'tts-1', voice: 'alloy', input: 'Hello there.', ...body }),
  });

describe('fake OpenAI speech', () => {
  it('answers wav with a streamed header and raw pcm, as long as the text at the given speed', async () => {
    const wav = Buffer.from(await (await speak({ response_format: 'wav' })).arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(FAKE_SPEECH_SAMPLE_RATE);
    expect(wav.readUInt32LE(40)).toBe(0xffffffff);
    expect((wav.length - 44) / 2).toBe(fakeSpeechFrames('Hello there.'));

    const pcm = await speak({ response_format: 'pcm', speed: 2, input: 'Hello there, a longer line.' });
    expect(pcm.headers.get('content-type')).toBe('audio/pcm');
    expect((await pcm.arrayBuffer()).byteLength / 2).toBe(fakeSpeechFrames('Hello there, a longer line.', 2));
    expect(fakeSpeechFrames('Hello there, a longer line.')).toBeGreaterThan(fakeSpeechFrames('Hello there.'));
  });

  it('refuses what OpenAI refuses, in its error shape', async () => {
    const unknown = await speak({ model: 'gpt-4o', response_format: 'wav' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'model_not_found' } });
    expect((await speak({ voice: '', response_format: 'wav' })).status).toBe(400);
    expect((await speak({ input: '', response_format: 'wav' })).status).toBe(400);
    expect((await speak({ input: 'x'.repeat(4097), response_format: 'wav' })).status).toBe(400);
    expect((await speak({ speed: 5, response_format: 'wav' })).status).toBe(400);
    expect((await speak({ response_format: 'mp3' })).status).toBe(400);
  });

  it('honours an injected slow start: the audio has not come when the client gives up', async () => {
    server.failNext({ firstTokenDelayMs: 60_000 }, { path: '/v1/audio/speech' });
    const controller = new AbortController();
    const pending = fetch(`${server.openaiBaseUrl}/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_OPENAI_KEY}` },
      body: JSON.stringify({ model: 'tts-1', voice: 'alloy', input: 'Hi.', response_format: 'wav' }),
      signal: controller.signal,
    });
    await server.waitFor(() => server.requests[0]?.failure !== undefined);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await server.waitFor(() => server.requests[0]?.outcome === 'client-closed');
  });
});
