import type { DocNode } from '../../../shared/models/document';

/** One scene as exported: its title is a working label and is not printed. */
export interface ExportScene {
  title: string;
  content: DocNode;
  /** The scene's stored word count (the one the app shows); counted from `content` when absent. */
  wordCount?: number | undefined;
}

/** One chapter in manuscript order; its scenes are printed with a scene break between them. */
export interface ExportChapter {
  title: string;
  scenes: ExportScene[];
}

/**
 * A manuscript already loaded by the caller, in reading order. The renderers only read it, so
 * the caller decides which chapters to include.
 */
export interface ManuscriptForExport {
  title: string;
  description: string;
  genre: string;
  author?: string | undefined;
  /** BCP 47 language tag of the text, for every format's metadata; `en` when absent. */
  language?: string | undefined;
  /** A manuscript title page's contact block (several lines); the author's name when absent. */
  contact?: string | undefined;
  /** The running head's short title; derived from the title when blank. */
  shortTitle?: string | undefined;
  /** The running head's surname; derived from the author when blank. */
  surname?: string | undefined;
  chapters: ExportChapter[];
}
