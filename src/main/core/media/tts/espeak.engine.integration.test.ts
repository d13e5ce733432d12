import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { createEspeakEngine, espeakArgs, parseEspeakVoices } from './espeak.engine';

const engine = createEspeakEngine();
const say = (text: string, speed = 1, signal?: AbortSignal) => engine.synthesize({ text, voice: 'en-us', speed, pitch: 0, ...(signal && { signal }) });

describe('espeak-ng engine (the real binary)', () => {
  it('is available and lists English voices without MBROLA ones', async () => {
    expect(await engine.available()).toBe(true);
    const voices = await engine.voices();
    expect(voices.find((v) => v.id === 'en-us')).toMatchObject({ engine: 'espeak-ng', language: 'en-us', gender: 'male' });
    expect(voices.some((v) => v.name.includes('mbrola'))).toBe(false);
  });

  it('speaks: 16-bit PCM whose duration grows with the text and shrinks with speed', async () => {
    const short = await say('Hello there.');
    const long = await say('Hello there. The ships hung in the sky in much the same way that bricks do not.');
    const fast = await say('Hello there. The ships hung in the sky in much the same way that bricks do not.', 2);
    expect(short.audio.format).toEqual({ sampleRate: 22_050, channels: 1, bitsPerSample: 16 });
    expect(short.durationSec).toBeGreaterThan(0.3);
    expect(short.durationSec).toBe(short.audio.data.length / 2 / 22_050);
    expect(long.durationSec).toBeGreaterThan(short.durationSec * 3);
    expect(fast.durationSec).toBeLessThan(long.durationSec * 0.7);
    // Not silence: some samples are loud.
    let peak = 0;
    for (let i = 0; i < short.audio.data.length; i += 2) peak = Math.max(peak, Math.abs(short.audio.data.readInt16LE(i)));
    expect(peak).toBeGreaterThan(1000);
  });

  it('reads text from stdin, so text that looks like an option is spoken', async () => {
    expect((await say('--version -w /tmp/x')).durationSec).toBeGreaterThan(0.5);
  });

  it('fails with a sentence for an unknown voice and when the binary is missing', async () => {
    await expect(engine.synthesize({ text: 'Hi.', voice: 'nope', speed: 1, pitch: 0 })).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_FAILED,
      message: expect.stringContaining('nope'),
    });
    const missing = createEspeakEngine({ binary: '/nonexistent/espeak-ng' });
    expect(await missing.available()).toBe(false);
    await expect(missing.synthesize({ text: 'Hi.', voice: 'en', speed: 1, pitch: 0 })).rejects.toMatchObject({ code: ErrorCode.PROVIDER_UNREACHABLE });
  });

  it('stops on abort: before the start and while speaking', async () => {
    const before = new AbortController();
    before.abort();
    await expect(say('Hello.', 1, before.signal)).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    const during = new AbortController();
    const pending = say('word '.repeat(5000), 1, during.signal);
    during.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });
});

describe('espeak-ng argument mapping', () => {
  it('maps speed to words per minute and pitch to 0–99, clamped', () => {
    expect(espeakArgs('en-gb', 1, 0)).toEqual(['--stdout', '-b', '1', '-v', 'en-gb', '-s', '175', '-p', '50']);
    expect(espeakArgs('en', 2, 1).slice(-4)).toEqual(['-s', '350', '-p', '99']);
    expect(espeakArgs('en', 0.25, -1).slice(-4)).toEqual(['-s', '80', '-p', '1']);
    expect(espeakArgs('en', 4, 0).slice(-4)).toEqual(['-s', '450', '-p', '50']);
  });

  it('parses the voices table', () => {
    const table = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)',
      ' 5  fr-fr           --/F      French             roa/fr',
    ].join('\n');
    expect(parseEspeakVoices(table)).toEqual([
      { engine: 'espeak-ng', id: 'en-gb', name: 'English (Great Britain)', language: 'en-gb', gender: 'male' },
      { engine: 'espeak-ng', id: 'fr-fr', name: 'French', language: 'fr-fr', gender: 'female' },
    ]);
  });
});
