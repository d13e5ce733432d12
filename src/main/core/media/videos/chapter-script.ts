import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { MAX_SCRIPT_CHARACTERS, MAX_SCRIPT_SCENES, videoScriptSchema, type ScriptScene, type VideoScript } from '../../../../shared/models/media';

/** One manuscript scene as the offline script builder reads it. */
export interface ManuscriptSceneText {
  title: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
}

/**
 * About a minute of narration (≈ 150 words) per script scene: long enough to hold a thought,
 * short enough that a still image with motion does not outstay its welcome.
 */
export const NARRATION_CHARS_PER_SCENE = 900;
const CAPTION_MAX = 300;

/** Splits one over-long paragraph at sentence ends (or, failing that, at spaces) into pieces that fit. */
function splitParagraph(paragraph: string, limit: number): string[] {
  if (paragraph.length <= limit) return [paragraph];
  const sentences = paragraph.match(/[^.!?…]+(?:[.!?…]+["”’)\]]*\s*|$)/gu) ?? [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > limit) {
      pieces.push(current.trim());
      current = '';
    }
    current += sentence;
    while (current.length > limit) {
      const cut = current.lastIndexOf(' ', limit) > limit / 2 ? current.lastIndexOf(' ', limit) : limit;
      pieces.push(current.slice(0, cut).trim());
      current = current.slice(cut);
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** Groups a scene's paragraphs into narration blocks of at most `limit` characters, in order. */
export function narrationBlocks(text: string, limit = NARRATION_CHARS_PER_SCENE): string[] {
  const paragraphs = text
    .split(/\n\s*\n/u)
    .map((p) => p.replace(/\s*\n\s*/gu, ' ').trim())
    .filter(Boolean)
    .flatMap((p) => splitParagraph(p, limit));
  const blocks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const paragraph of paragraphs) {
    if (current.length > 0 && length + paragraph.length > limit) {
      blocks.push(current.join('\n\n'));
      current = [];
      length = 0;
    }
    current.push(paragraph);
    length += paragraph.length + 2;
  }
  if (current.length > 0) blocks.push(current.join('\n\n'));
  return blocks;
}

/**
 * The offline path "chapter → script": no model, the manuscript's own words narrated. One script
 * scene per manuscript scene, or per few paragraphs of a long one; the caption is the scene's
 * title and each scene shows a title card of it. Empty scenes are left out.
 */
export function scriptFromManuscript(scenes: readonly ManuscriptSceneText[], newId: () => string): VideoScript {
  const out: ScriptScene[] = [];
  for (const scene of scenes) {
    const caption = scene.title.trim().slice(0, CAPTION_MAX);
    for (const narration of narrationBlocks(scene.text)) {
      out.push({ id: newId(), narration, caption, visual: '', image: { kind: 'title-card', text: caption, background: '#1d2433' }, durationHintSec: null });
    }
  }
  const characters = out.reduce((sum, s) => sum + s.narration.length + s.caption.length, 0);
  if (out.length > MAX_SCRIPT_SCENES || characters > MAX_SCRIPT_CHARACTERS) {
    throw new AppError(ErrorCode.TOO_LARGE, 'This chapter is too long for one video: split it, or make a video of part of it.');
  }
  return videoScriptSchema.parse({ scenes: out });
}
