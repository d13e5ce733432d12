import type { DocNode } from '../../../shared/models/document';
import { documentToPlainText } from '../../../shared/text/document-text';
import { checkSceneSize, sceneTooLarge, utf8Length } from '../../../shared/text/scene-size';
import { countWords } from '../../../shared/text/word-count';
import type { SceneTextUpdate } from './scene.repo';

/**
 * What measuring a document gives: what is stored beside it (its JSON, plain text and word
 * count), or, for a document above the scene size limit, its size. Plain data, so a worker
 * thread can send it back.
 */
export type MeasuredDocument = { ok: true; text: SceneTextUpdate } | { ok: false; bytes: number };

/** Serializes, extracts and counts a document; linear in its size. Runs inline or in the text worker. */
export function measureForStorage(content: DocNode): MeasuredDocument {
  const json = JSON.stringify(content);
  if (checkSceneSize(json) !== null) return { ok: false, bytes: utf8Length(json) };
  const plainText = documentToPlainText(content);
  return { ok: true, text: { content: json, plainText, wordCount: countWords(plainText) } };
}

/** The stored form of a document; throws SCENE_TOO_LARGE above the limit. */
export function measureDocument(content: DocNode): SceneTextUpdate {
  return unwrapMeasured(measureForStorage(content));
}

export function unwrapMeasured(measured: MeasuredDocument): SceneTextUpdate {
  if (!measured.ok) throw sceneTooLarge(measured.bytes);
  return measured.text;
}

/**
 * How much text a document holds (UTF-16 units), by a walk that allocates nothing per node
 * beyond its stack: decides cheaply whether measuring is worth a trip to the text worker.
 */
export function textWeight(doc: DocNode): number {
  let weight = 0;
  const stack: DocNode[] = [doc];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    weight += node.text?.length ?? 0;
    const children = node.content;
    if (children) for (const child of children) stack.push(child);
  }
  return weight;
}
