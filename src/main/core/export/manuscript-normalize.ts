import type { DocNode } from '../../../shared/models/document';
import { cleanText, isBlankDoc, normalizeDoc } from './doc-normalize';
import type { ManuscriptForExport } from './export.types';

/** A chapter ready to print: a title that is never blank and only the scenes that print something. */
export interface PrintChapter {
  title: string;
  scenes: DocNode[];
}

/** What every renderer works from: cleaned one-line titles, description paragraphs, sound documents. */
export interface PrintManuscript {
  title: string;
  author: string | null;
  genre: string;
  language: string;
  descriptionParagraphs: string[];
  chapters: PrintChapter[];
}

function oneLine(text: string | undefined): string {
  return cleanText(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function paragraphs(text: string): string[] {
  return cleanText(text)
    .split(/\n\s*\n/)
    .map(oneLine)
    .filter((paragraph) => paragraph !== '');
}

function languageTag(language: string | undefined): string {
  const tag = language?.trim() ?? '';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : 'en';
}

/** Cleans a manuscript for printing; empty scenes are left out so no two scene breaks meet. */
export function toPrintManuscript(manuscript: ManuscriptForExport): PrintManuscript {
  return {
    title: oneLine(manuscript.title) || 'Untitled',
    author: oneLine(manuscript.author) || null,
    genre: oneLine(manuscript.genre),
    language: languageTag(manuscript.language),
    descriptionParagraphs: paragraphs(manuscript.description),
    chapters: manuscript.chapters.map((chapter, index) => ({
      title: oneLine(chapter.title) || `Chapter ${index + 1}`,
      scenes: chapter.scenes.map((scene) => normalizeDoc(scene.content)).filter((doc) => !isBlankDoc(doc)),
    })),
  };
}
