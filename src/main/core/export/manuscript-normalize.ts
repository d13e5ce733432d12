import type { DocNode } from '../../../shared/models/document';
import { canonicalLanguageTag, DEFAULT_LANGUAGE } from '../../../shared/models/language';
import { defaultShortTitle, defaultSurname } from '../../../shared/text/running-head';
import { countWords } from '../../../shared/text/word-count';
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
  /** "Le Guin, Ursula K." for catalogues, when the surname ends the author's name. */
  authorSortName: string | null;
  genre: string;
  language: string;
  descriptionParagraphs: string[];
  /** A manuscript title page's contact block: the lines the writer entered, or the author's name. */
  contactLines: string[];
  /** The running head's parts, set by the writer or derived from title and author. */
  shortTitle: string;
  surname: string;
  /** Words in the exported chapters, as the app counts them. */
  wordCount: number;
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

function lines(text: string | undefined): string[] {
  return cleanText(text ?? '')
    .split('\n')
    .map(oneLine)
    .filter((line) => line !== '');
}

function sortName(author: string, surname: string): string | null {
  if (surname === '' || author === surname || !author.endsWith(` ${surname}`)) return null;
  return `${surname}, ${author.slice(0, -surname.length - 1)}`;
}

/** Words in a document, counted block by block (one long string would make the count slow). */
function wordsInDoc(node: DocNode): number {
  const children = node.content ?? [];
  if (children.some((child) => child.type === 'text')) {
    return countWords(children.map((child) => (child.type === 'text' ? (child.text ?? '') : ' ')).join(''));
  }
  return children.reduce((sum, child) => sum + wordsInDoc(child), 0);
}

function wordsIn(manuscript: ManuscriptForExport): number {
  let total = 0;
  for (const chapter of manuscript.chapters) {
    for (const scene of chapter.scenes) total += scene.wordCount ?? wordsInDoc(scene.content);
  }
  return total;
}

/** Cleans a manuscript for printing; empty scenes are left out so no two scene breaks meet. */
export function toPrintManuscript(manuscript: ManuscriptForExport): PrintManuscript {
  const title = oneLine(manuscript.title) || 'Untitled';
  const author = oneLine(manuscript.author);
  const surname = oneLine(manuscript.surname) || defaultSurname(author);
  const contactLines = lines(manuscript.contact);
  return {
    title,
    author: author || null,
    authorSortName: sortName(author, surname),
    genre: oneLine(manuscript.genre),
    language: canonicalLanguageTag(manuscript.language ?? '') ?? DEFAULT_LANGUAGE,
    descriptionParagraphs: paragraphs(manuscript.description),
    contactLines: contactLines.length > 0 ? contactLines : author ? [author] : [],
    shortTitle: oneLine(manuscript.shortTitle) || defaultShortTitle(title),
    surname,
    wordCount: wordsIn(manuscript),
    chapters: manuscript.chapters.map((chapter, index) => ({
      title: oneLine(chapter.title) || `Chapter ${index + 1}`,
      scenes: chapter.scenes.map((scene) => normalizeDoc(scene.content)).filter((doc) => !isBlankDoc(doc)),
    })),
  };
}
