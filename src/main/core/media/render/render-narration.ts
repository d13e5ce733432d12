import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { SpokenSentence } from '../captions';
import { buildCues, toSrt, toVtt, type Cue } from '../captions';
import type { VoiceProfile as ChosenVoice } from '../../../../shared/models/media';
import { convertPcm, encodeWav, parseWav, type Narration, type NarrateInput, type PcmFormat, type VoiceProfile } from '../tts';
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

/**
 * One scene's narration, kept on disk (raw PCM in the video's narration format) until the scenes
 * are laid out: a 30-minute chapter's voice is ~80 MB of PCM, which the core never holds whole.
 */
interface SceneSpeech {
  /** Its raw PCM file and length in frames; null for a scene without narration. */
  file: string | null;
  frames: number;
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
  // The first scene spoken sets the format; a later one in another (a fallback engine) is converted to it.
  let format: PcmFormat | null = null;
  const started = deps.now();
  try {
    for (const [index, scene] of spec.scenes.entries()) {
      if (scene.narration.trim() === '') {
        speech.push({ file: null, frames: 0, sentences: [] });
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
      const audio = parseWav(narration.wav);
      format ??= audio.format;
      const pcm = convertPcm(audio, format).data;
      const file = `${wavPath}.scene-${index}.pcm`;
      await writeFile(file, pcm);
      speech.push({ file, frames: pcm.length / frameBytesOf(format), sentences: narration.sentences.map((s) => ({ text: s.text, startSec: s.startSec, endSec: s.endSec })) });
      deps.onProgress((index + 1) / spec.scenes.length);
    }
    const ttsSec = (deps.now() - started) / 1000;
    const pcmFormat = format ?? FALLBACK_FORMAT;
    const timeline = layOutScenes(
      spec.scenes.map((scene, i) => ({ narrationSec: (speech[i]?.frames ?? 0) / pcmFormat.sampleRate, durationHintSec: scene.durationHintSec })),
      spec.profile.fps,
      spec.transitionSec,
    );
    const sentences = speech.flatMap((s, i) => {
      const offset = timeline.slots[i]?.narrationStartSec ?? 0;
      return s.sentences.map((x) => ({ text: x.text, startSec: x.startSec + offset, endSec: x.endSec + offset }));
    });
    await joinOnTimeline(speech, timeline, pcmFormat, wavPath);
    return { timeline, sentences, notices: [...notices], ttsSec };
  } finally {
    await Promise.all(speech.map((s) => (s.file === null ? undefined : rm(s.file, { force: true }))));
  }
}

const frameBytesOf = (format: PcmFormat) => (format.bitsPerSample / 8) * format.channels;

const FALLBACK_FORMAT: PcmFormat = { sampleRate: 22_050, channels: 1, bitsPerSample: 16 };

/** Silence is written in slices of this many bytes, so a long pause never becomes one big buffer. */
const SILENCE_CHUNK = 1024 * 1024;

/**
 * One WAV as long as the video, each scene's narration placed at its start, written as a stream:
 * the header (its size known from the timeline), then silence and each scene's PCM in turn. The
 * core holds one scene's PCM at a time, whatever the video's length.
 */
async function joinOnTimeline(speech: readonly SceneSpeech[], timeline: Timeline, format: PcmFormat, wavPath: string): Promise<void> {
  const frameBytes = frameBytesOf(format);
  const total = Math.ceil(timeline.durationSec * format.sampleRate) * frameBytes;
  const temp = `${wavPath}.partial`;
  const out = await open(temp, 'w');
  try {
    // The canonical header of an empty WAV, with the sizes of the data that follows.
    const header = encodeWav({ format, data: Buffer.alloc(0) });
    header.writeUInt32LE(36 + total, 4);
    header.writeUInt32LE(total, 40);
    await out.write(header);
    let written = 0;
    const silenceTo = async (end: number) => {
      while (written < end) {
        const bytes = Math.min(SILENCE_CHUNK, end - written);
        await out.write(Buffer.alloc(bytes));
        written += bytes;
      }
    };
    for (const [i, s] of speech.entries()) {
      const slot = timeline.slots[i];
      if (s.file === null || slot === undefined) continue;
      // A scene's narration starts after the previous one ends (the timeline leaves air between them).
      await silenceTo(Math.min(total, Math.max(written, Math.round(slot.narrationStartSec * format.sampleRate) * frameBytes)));
      const pcm = await readFile(s.file);
      const part = pcm.subarray(0, Math.max(0, Math.min(pcm.length, total - written)));
      await out.write(part);
      written += part.length;
    }
    await silenceTo(total);
  } finally {
    await out.close();
  }
  await rename(temp, wavPath);
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
