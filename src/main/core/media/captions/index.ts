/** Captions timed from the narration: cues, SRT and WebVTT (the media domain's captions part). */
export { escapeSrtLine, escapeVttLine, parseSrt, parseVtt, srtTimestamp, toSrt, toVtt, vttTimestamp } from './caption-format';
export { buildCues, captionLayoutSchema, timeWords } from './caption-layout';
export type { CaptionLayout, Cue, SpokenSentence, TimedWord } from './caption-layout';
