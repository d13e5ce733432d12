import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav, parseWav, type PcmFormat } from '../tts';
import { narrateVideo, type RenderNarrator } from './render-narration';
import type { RenderSpec } from './render-spec';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-narration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MONO: PcmFormat = { sampleRate: 8000, channels: 1, bitsPerSample: 16 };

/** A narrator that speaks each text as a constant tone: its level is the text's length, its length 0.1 s a word. */
function toneNarrator(formatOf: (text: string) => PcmFormat): RenderNarrator {
  return {
    profilesFor: (voice) => [{ engine: voice.engine, voice: voice.voice, speed: voice.speed, pitch: voice.pitch }],
    async narrate(input) {
      const format = formatOf(input.text);
      const frames = Math.round(input.text.split(' ').length * 0.1 * format.sampleRate);
      const data = Buffer.alloc(frames * format.channels * 2);
      for (let i = 0; i < frames * format.channels; i++) data.writeInt16LE(input.text.length * 100, i * 2);
      const durationSec = frames / format.sampleRate;
      const profile = input.profiles[0] ?? { engine: 'espeak-ng', voice: 'en', speed: 1, pitch: 0 };
      return { wav: encodeWav({ format, data }), format, durationSec, sentences: [{ text: input.text, paragraph: 0, startFrame: 0, endFrame: frames, startSec: 0, endSec: durationSec }], profile, notices: [] };
    },
  } as RenderNarrator;
}

function spec(narrations: string[]): RenderSpec {
  return {
    version: 1,
    videoId: 'v',
    projectId: 'p',
    title: 't',
    revision: 1,
    format: 'youtube-720p',
    profile: { width: 320, height: 180, fps: 30 },
    voice: { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 },
    captions: 'soft',
    transitionSec: 0.5,
    scenes: narrations.map((narration, i) => ({ id: `s${i}`, number: i + 1, narration, caption: '', durationHintSec: i === 1 ? 3 : null, visual: { kind: 'title-card', text: '', background: '#000000' } })),
    music: null,
    thumbnail: { atSec: 0, title: '' },
  };
}

describe('the narration of a whole video, written as a stream', () => {
  it('places each scene’s speech at its start on the timeline, silence elsewhere, converted to one format, and leaves no scene files', async () => {
    const texts = ['one two three four five', '', 'six seven eight', 'nine ten'];
    const wavPath = path.join(dir, 'narration.wav');
    // The last scene comes back from another engine at 16 kHz stereo: converted to the first's format.
    const narrator = toneNarrator((text) => (text === 'nine ten' ? { sampleRate: 16_000, channels: 2, bitsPerSample: 16 } : MONO));
    const result = await narrateVideo(spec(texts), { narrator, now: () => 0, signal: new AbortController().signal, onProgress: () => undefined }, wavPath);
    const audio = parseWav(readFileSync(wavPath));
    expect(audio.format).toEqual(MONO);
    const frames = audio.data.length / 2;
    expect(frames).toBe(Math.ceil(result.timeline.durationSec * MONO.sampleRate));
    const at = (sec: number) => audio.data.readInt16LE(Math.round(sec * MONO.sampleRate) * 2);
    texts.forEach((text, i) => {
      const slot = result.timeline.slots[i];
      if (!slot) throw new Error('no slot');
      if (text === '') return;
      const words = text.split(' ').length;
      // Inside the speech: its level; just before it and just after it: silence.
      expect(at(slot.narrationStartSec + 0.05), text).toBe(text.length * 100);
      expect(at(slot.narrationStartSec + words * 0.1 - 0.02), text).toBe(text.length * 100);
      expect(at(slot.narrationStartSec - 0.02), text).toBe(0);
      expect(at(slot.narrationStartSec + words * 0.1 + 0.02), text).toBe(0);
    });
    // The silent scene keeps its hint's length, and its time is silence.
    expect(result.timeline.slots[1]?.durationSec).toBe(3);
    expect(result.sentences.map((s) => s.text)).toEqual(['one two three four five', 'six seven eight', 'nine ten']);
    expect(readdirSync(dir).filter((n) => n !== 'narration.wav')).toEqual([]);
  });

  it('removes the scene files when a scene cannot be narrated', async () => {
    const wavPath = path.join(dir, 'failed.wav');
    const good = toneNarrator(() => MONO);
    const narrator: RenderNarrator = { ...good, narrate: async (input) => (input.text === 'boom' ? Promise.reject(new Error('engine down')) : good.narrate(input)) };
    await expect(narrateVideo(spec(['fine words', 'boom']), { narrator, now: () => 0, signal: new AbortController().signal, onProgress: () => undefined }, wavPath)).rejects.toThrow('engine down');
    expect(existsSync(wavPath)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('failed'))).toEqual([]);
  });
});
