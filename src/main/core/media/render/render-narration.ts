import { rename, writeFile } from 'node:fs/promises';
import type { SpokenSentence } from '../captions';
import { buildCues, toSrt, toVtt, type Cue } from '../captions';
import type { VoiceProfile as ChosenVoice } from '../../../../shared/models/media';
import { convertPcm, encodeWav, parseWav, type Narration, type NarrateInput, type PcmAudio, type PcmFormat, type VoiceProfile } from '../tts';
import type { RenderSpec } from './render-spec';
import { layOutScenes, type Timeline } from './render-timeline';

/** What the render needs of the TTS part: the narrator and the fallback chain for a voice. */
export interface RenderNarrator {
  narrate(input: NarrateInput): Promise<Narration>;
  /** The voice the writer chose, then the fallbacks, as the TTS engines know them. */
  profilesFor(chosen: ChosenVoice): VoiceProfile[];
}

/** The narration of the whole video: one WAV, and every sentence's exact time in the video. */
export interface VideoNarration {
  timeline: Timeline;
  sentences: SpokenSentence[];
  notices: string[];
  /** Seconds spent in the TTS engines (cache hits are nearly free). */
  ttsSec: number;
}

interface SceneSpeech {
  audio: PcmAudio | null;
  sentences: SpokenSentence[];
}

/**
 * Narrates scene by scene (each scene's length follows its own narration, and the TTS cache keeps
 * unchanged scenes free on a re-render), then lays the pieces on the timeline as one WAV for the
 * mix. Once a scene needed a fallback voice, the later scenes start with it, so a video keeps one voice.
 */
export async function narrateVideo(
  spec: RenderSpec,
  deps: { narrator: RenderNarrator; now: () => number; signal: AbortSignal; onProgress: (fraction: number) => void },
  wavPath: string,
): Promise<VideoNarration> {
  let profiles = deps.narrator.profilesFor(spec.voice);
  const notices = new Set<string>();
  const speech: SceneSpeech[] = [];
  const started = deps.now();
  for (const [index, scene] of spec.scenes.entries()) {
    if (scene.narration.trim() === '') {
      speech.push({ audio: null, sentences: [] });
      continue;
    }
    const narration = await deps.narrator.narrate({
      text: scene.narration,
      profiles,
      signal: deps.signal,
      onProgress: (done, total) => deps.onProgress((index + done / total) / spec.scenes.length),
    });
    narration.notices.forEach((n) => notices.add(n));
    const used = profiles.findIndex((p) => p.engine === narration.profile.engine && p.voice === narration.profile.voice);
    if (used > 0) profiles = profiles.slice(used);
    speech.push({ audio: parseWav(narration.wav), sentences: narration.sentences.map((s) => ({ text: s.text, startSec: s.startSec, endSec: s.endSec })) });
    deps.onProgress((index + 1) / spec.scenes.length);
  }
  const ttsSec = (deps.now() - started) / 1000;
  const timeline = layOutScenes(
    spec.scenes.map((scene, i) => ({ narrationSec: durationOf(speech[i]?.audio ?? null), durationHintSec: scene.durationHintSec })),
    spec.profile.fps,
    spec.transitionSec,
  );
  const sentences = speech.flatMap((s, i) => {
    const offset = timeline.slots[i]?.narrationStartSec ?? 0;
    return s.sentences.map((x) => ({ text: x.text, startSec: x.startSec + offset, endSec: x.endSec + offset }));
  });
  await writeAtomically(wavPath, joinOnTimeline(speech, timeline));
  return { timeline, sentences, notices: [...notices], ttsSec };
}

const durationOf = (audio: PcmAudio | null) => (audio === null ? 0 : audio.data.length / ((audio.format.bitsPerSample / 8) * audio.format.channels) / audio.format.sampleRate);

const FALLBACK_FORMAT: PcmFormat = { sampleRate: 22_050, channels: 1, bitsPerSample: 16 };

/** One WAV as long as the video, each scene's narration placed at its start. */
function joinOnTimeline(speech: readonly SceneSpeech[], timeline: Timeline): Buffer {
  const format = speech.find((s) => s.audio !== null)?.audio?.format ?? FALLBACK_FORMAT;
  const frameBytes = (format.bitsPerSample / 8) * format.channels;
  const data = Buffer.alloc(Math.ceil(timeline.durationSec * format.sampleRate) * frameBytes);
  speech.forEach((s, i) => {
    const slot = timeline.slots[i];
    if (s.audio === null || slot === undefined) return;
    const pcm = convertPcm(s.audio, format).data;
    const at = Math.round(slot.narrationStartSec * format.sampleRate) * frameBytes;
    pcm.copy(data, at, 0, Math.max(0, Math.min(pcm.length, data.length - at)));
  });
  return encodeWav({ format, data });
}

/** Caption lines per profile: phones (9:16) want short lines. */
export function cuesFor(spec: RenderSpec, sentences: readonly SpokenSentence[]): Cue[] {
  const vertical = spec.profile.height > spec.profile.width;
  return buildCues(sentences, { maxCharsPerLine: vertical ? 26 : 42, maxLinesPerCue: 2 });
}

/** Writes the SRT and WebVTT files of the cues. */
export async function writeCaptionFiles(cues: readonly Cue[], srtPath: string, vttPath: string): Promise<void> {
  await writeAtomically(srtPath, toSrt(cues));
  await writeAtomically(vttPath, toVtt(cues));
}

/** Writes beside the target and renames, so a crash never leaves a half-written file under the final name. */
export async function writeAtomically(file: string, data: Buffer | string): Promise<void> {
  const temp = `${file}.partial`;
  await writeFile(temp, data);
  await rename(temp, file);
}
