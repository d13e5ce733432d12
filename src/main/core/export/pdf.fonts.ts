import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { fontCoverage } from './font-coverage';

/**
 * The repository's `resources/fonts`, for tests, benchmarks and the browser mode; the packaged
 * app passes its own copy (process.resourcesPath/resources/fonts) through the core's config.
 */
export const DEFAULT_FONTS_FOLDER = fileURLToPath(new URL('../../../../resources/fonts', import.meta.url));

/** The four faces of the body font, the code font, and which characters the body font can draw. */
export interface PdfFonts {
  serif: { regular: Buffer; bold: Buffer; italic: Buffer; boldItalic: Buffer };
  mono: Buffer;
  /** Code points each font can draw (the four serif faces cover the same characters). */
  coverage: { serif: ReadonlySet<number>; mono: ReadonlySet<number> };
}

const files = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
  mono: 'LiberationMono-Regular.ttf',
} as const;

/** Reads the PDF fonts from `folder`; a missing file is an installation problem, said as such. */
export function loadPdfFonts(folder: string): PdfFonts {
  const read = (name: string): Buffer => {
    try {
      return readFileSync(path.join(folder, name));
    } catch (cause) {
      throw new AppError(ErrorCode.EXPORT_FAILED, `The PDF font ${name} is missing from this installation. Reinstall Nova Studio to export PDF.`, {
        cause,
      });
    }
  };
  const regular = read(files.regular);
  const mono = read(files.mono);
  return {
    serif: { regular, bold: read(files.bold), italic: read(files.italic), boldItalic: read(files.boldItalic) },
    mono,
    coverage: { serif: fontCoverage(regular), mono: fontCoverage(mono) },
  };
}
