import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { segmentSentences, type SegmentOptions, type Sentence } from './sentence-segmenter';
import type { VoiceProfile } from './tts-engine';
import type { TtsService } from './tts.service';
import { convertPcm, encodeWav, frameCount, silence, type PcmAudio, type PcmFormat } from './wav';

/** A sentence's place in the narration: exact, from sample counts. */
export interface TimedSentence extends Sentence {
  /** First frame of its audio, and one past its last. */
  startFrame: number;
  endFrame: number;
  startSec: number;
  endSec: number;
}

export interface NarrateInput extends SegmentOptions {
  text: string;
  /** The voice to narrate with, then the fallbacks in order. */
  profiles: readonly VoiceProfile[];
  /** Silence between sentences of one paragraph (default 250 ms). */
  sentencePauseMs?: number;
  /** Silence between paragraphs (default 600 ms). */
  paragraphPauseMs?: number;
  signal?: AbortSignal;
  /** Called after each sentence with how many are done. */
  onProgress?(done: number, total: number): void;
}

export interface Narration {
  /** The whole narration as a canonical WAV file's bytes. */
  wav: Buffer;
  format: PcmFormat;
  durationSec: number;
  sentences: TimedSentence[];
  /** The profile that spoke it (a fallback when the first failed). */
  profile: VoiceProfile;
  notices: string[];
}

/**
 * Narrates text sentence by sentence and joins the pieces with short silences. Sentence times
 * come from the frames actually joined, so captions line up to the sample. One narration keeps
 * one voice: when the chosen engine fails part-way, the whole text is spoken again with the
 * next profile (sentences already spoken stay cached for a retry).
 */
export function createNarrator(deps: { tts: TtsService }) {
  return {
    async narrate(input: NarrateInput): Promise<Narration> {
      const sentences = segmentSentences(input.text, input);
      if (sentences.length === 0) throw new AppError(ErrorCode.INVALID_INPUT, 'There is no text to narrate.');
      const { value: pieces, profile, notices } = await deps.tts.withFallback(input.profiles, async (p) => {
        const spoken: PcmAudio[] = [];
        for (const sentence of sentences) {
          spoken.push(await deps.tts.speakWith(p, sentence.text, input.signal));
          input.onProgress?.(spoken.length, sentences.length);
        }
        return spoken;
      });
      return { ...join(sentences, pieces, input), profile, notices };
    },
  };
}

export type Narrator = ReturnType<typeof createNarrator>;

function join(sentences: Sentence[], pieces: PcmAudio[], input: NarrateInput): Pick<Narration, 'wav' | 'format' | 'durationSec' | 'sentences'> {
  const format = pieces[0]?.format;
  if (!format) throw new AppError(ErrorCode.INTERNAL, 'The narration produced no audio.');
  const framesOfMs = (ms: number) => Math.round((ms / 1000) * format.sampleRate);
  const sentencePause = framesOfMs(input.sentencePauseMs ?? 250);
  const paragraphPause = framesOfMs(input.paragraphPauseMs ?? 600);
  const chunks: Buffer[] = [];
  const timed: TimedSentence[] = [];
  let cursor = 0;
  sentences.forEach((sentence, index) => {
    const piece = pieces[index];
    if (!piece) return;
    if (index > 0) {
      const gap = sentences[index - 1]?.paragraph === sentence.paragraph ? sentencePause : paragraphPause;
      chunks.push(silence(format, gap));
      cursor += gap;
    }
    const audio = convertPcm(piece, format);
    const frames = frameCount(audio);
    chunks.push(audio.data);
    timed.push({ ...sentence, startFrame: cursor, endFrame: cursor + frames, startSec: cursor / format.sampleRate, endSec: (cursor + frames) / format.sampleRate });
    cursor += frames;
  });
  const data = Buffer.concat(chunks);
  return { wav: encodeWav({ format, data }), format, durationSec: cursor / format.sampleRate, sentences: timed };
}
