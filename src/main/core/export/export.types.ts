import type { DocNode } from '../../../shared/models/document';

/** One scene as exported: its title is a working label and is not printed. */
export interface ExportScene {
  title: string;
  content: DocNode;
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
  /** BCP 47 language tag for EPUB metadata; `en` when absent. */
  language?: string | undefined;
  chapters: ExportChapter[];
}
