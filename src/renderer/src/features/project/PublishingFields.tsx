import { useId } from 'react';
import { defaultPageSize } from '../../../../shared/models/export';
import { defaultShortTitle, defaultSurname } from '../../../../shared/text/running-head';
import { TextArea, TextField } from '../../ui';
import { LANGUAGE_SUGGESTIONS, languageName, type PublishingDraft, type PublishingDraftErrors } from './publishing-draft';

export interface PublishingFieldsProps {
  draft: PublishingDraft;
  /** The title as it stands in the form, for the running head's default. */
  title: string;
  onChange: (draft: PublishingDraft) => void;
  errors: PublishingDraftErrors;
}

/** Author, language, contact block and running head: what every export prints and records. */
export function PublishingFields({ draft, title, onChange, errors }: PublishingFieldsProps) {
  const languages = useId();
  const set = <K extends keyof PublishingDraft>(key: K, value: PublishingDraft[K]) => onChange({ ...draft, [key]: value });
  const surname = draft.surname.trim() || defaultSurname(draft.author);
  const shortTitle = draft.shortTitle.trim() || defaultShortTitle(title) || 'Title';
  const head = [surname, shortTitle.toUpperCase(), '12'].filter((part) => part !== '').join(' / ');
  const name = languageName(draft.language);
  const paper = name ? (defaultPageSize('manuscript', draft.language) === 'letter' ? 'US Letter' : 'A4') : null;

  return (
    <fieldset className="ui-fieldset project-publishing" data-testid="project-publishing">
      <legend className="ui-field__label">Author and exports</legend>
      <div className="ui-dialog-row">
        <TextField
          label="Author"
          value={draft.author}
          onChange={(e) => set('author', e.target.value)}
          error={errors.author}
          placeholder="Ada Quill"
          hint="Printed as “by …” and saved in every export."
          data-testid="project-author-input"
        />
        <TextField
          label="Language"
          value={draft.language}
          onChange={(e) => set('language', e.target.value)}
          error={errors.language}
          list={languages}
          spellCheck={false}
          hint={name ? `${name} · PDFs on ${paper} paper` : 'A tag such as en, en-GB or fr-CA.'}
          data-testid="project-language-input"
        />
      </div>
      <TextArea
        label="Contact"
        value={draft.contact}
        onChange={(e) => set('contact', e.target.value)}
        error={errors.contact}
        rows={3}
        placeholder={'Legal name\nAddress\nEmail · phone'}
        hint="The top left of a manuscript’s title page. Your name alone when empty."
        data-testid="project-contact-input"
      />
      <div className="ui-dialog-row">
        <TextField
          label="Surname in the running head"
          value={draft.surname}
          onChange={(e) => set('surname', e.target.value)}
          error={errors.surname}
          placeholder={defaultSurname(draft.author) || 'Surname'}
          data-testid="project-surname-input"
        />
        <TextField
          label="Short title"
          value={draft.shortTitle}
          onChange={(e) => set('shortTitle', e.target.value)}
          error={errors.shortTitle}
          placeholder={defaultShortTitle(title) || 'Title'}
          data-testid="project-short-title-input"
        />
      </div>
      <p className="project-publishing__preview" data-testid="project-running-head-preview">
        Manuscript pages are headed <span className="project-publishing__head">{head}</span>
      </p>
      <datalist id={languages}>
        {LANGUAGE_SUGGESTIONS.map((language) => (
          <option key={language.tag} value={language.tag}>
            {language.name}
          </option>
        ))}
      </datalist>
    </fieldset>
  );
}
