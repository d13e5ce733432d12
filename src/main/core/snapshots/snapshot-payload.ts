import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { DocNode } from '../../../shared/models/document';

/*
 * What a snapshot stores in its `payload` column: the chapters it covers, each with its ordered
 * scenes and their full documents. A scene snapshot holds one chapter with one scene (the
 * chapter only names where the scene was, for previews); a chapter snapshot one chapter; a
 * project snapshot every live chapter in order. Versioned so a later release can read old ones.
 */

const isDocument = (value: unknown): value is DocNode =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';

const sceneCaptureSchema = z.object({
  id: z.string(),
  title: z.string(),
  synopsis: z.string(),
  status: z.string(),
  pov: z.string(),
  createdAt: z.number(),
  wordCount: z.number(),
  content: z.custom<DocNode>(isDocument, 'Expected a document.'),
});
export type SceneCapture = z.infer<typeof sceneCaptureSchema>;

const chapterCaptureSchema = z.object({
  id: z.string(),
  title: z.string(),
  synopsis: z.string(),
  createdAt: z.number(),
  scenes: z.array(sceneCaptureSchema),
});
export type ChapterCapture = z.infer<typeof chapterCaptureSchema>;

export const PAYLOAD_VERSION = 1;

const payloadSchema = z.object({ version: z.literal(PAYLOAD_VERSION), chapters: z.array(chapterCaptureSchema) });
export type SnapshotPayload = z.infer<typeof payloadSchema>;

/** Reads a stored payload, refusing (rather than half-restoring) one that is damaged. */
export function parsePayload(text: string): SnapshotPayload {
  try {
    return payloadSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new AppError(ErrorCode.STORAGE_FAILED, 'This snapshot is damaged and cannot be read. Your current text was not changed.', { cause });
  }
}

export function payloadWordCount(payload: SnapshotPayload): number {
  return payload.chapters.reduce((sum, chapter) => sum + chapter.scenes.reduce((n, scene) => n + scene.wordCount, 0), 0);
}
