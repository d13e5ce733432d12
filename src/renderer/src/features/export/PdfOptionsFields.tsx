import type { JSX } from 'react';
import { defaultPageSize, PAGE_SIZE_LABELS, PAGE_SIZES_FOR_STYLE, type PageSize, type PdfStyle } from '../../../../shared/models/export';
import { Select } from '../../ui/TextField';

const STYLES: readonly { id: PdfStyle; label: string; hint: string }[] = [
  { id: 'manuscript', label: 'Standard manuscript', hint: '12 pt serif, double-spaced, title page with your contact details and word count, “Surname / TITLE / page” on every page.' },
  { id: 'book', label: 'Book', hint: 'Laid out for reading: book proportions, chapter openings, page numbers.' },
];

/** The page size to ask for: the writer's choice if it suits the style, else the usual one for the language. */
export function resolvedPageSize(style: PdfStyle, chosen: PageSize | null, language: string): PageSize {
  return chosen !== null && PAGE_SIZES_FOR_STYLE[style].includes(chosen) ? chosen : defaultPageSize(style, language);
}

export interface PdfOptionsFieldsProps {
  style: PdfStyle;
  pageSize: PageSize | null;
  /** The project's language, which picks the usual paper. */
  language: string;
  hasAuthor: boolean;
  onStyle: (style: PdfStyle) => void;
  onPageSize: (size: PageSize) => void;
  onOpenSettings: () => void;
}

/** Layout and paper of a PDF export. */
export function PdfOptionsFields({ style, pageSize, language, hasAuthor, onStyle, onPageSize, onOpenSettings }: PdfOptionsFieldsProps): JSX.Element {
  const usual = defaultPageSize(style, language);
  const options = PAGE_SIZES_FOR_STYLE[style].map((value) => ({ value, label: value === usual ? `${PAGE_SIZE_LABELS[value]} — usual for this language` : PAGE_SIZE_LABELS[value] }));
  return (
    <fieldset className="ui-fieldset" data-testid="export-pdf-options">
      <legend className="ui-field__label">PDF layout</legend>
      {STYLES.map((option) => (
        <label key={option.id} className="export-choice export-choice--described">
          <input type="radio" name="export-pdf-style" checked={style === option.id} onChange={() => onStyle(option.id)} data-testid={`export-pdf-style-${option.id}`} />
          <span>
            {option.label}
            <span className="export-choice__hint">{option.hint}</span>
          </span>
        </label>
      ))}
      <Select label="Paper" value={resolvedPageSize(style, pageSize, language)} options={options} onChange={onPageSize} data-testid="export-pdf-page-size" />
      {!hasAuthor && style === 'manuscript' && (
        <p className="export-form__note" data-testid="export-pdf-no-author">
          No author is set, so the title page and running head will not name you.{' '}
          <button type="button" className="ui-link-button" onClick={onOpenSettings}>
            Add it in Project settings
          </button>
        </p>
      )}
    </fieldset>
  );
}
