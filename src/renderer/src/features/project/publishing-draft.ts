import { Limits } from '../../../../shared/models/common';
import { canonicalLanguageTag, DEFAULT_LANGUAGE } from '../../../../shared/models/language';
import type { Project } from '../../../../shared/models/project';

/** The "Author and exports" part of the project settings, as the form holds it. */
export interface PublishingDraft {
  author: string;
  language: string;
  contact: string;
  surname: string;
  shortTitle: string;
}

export type PublishingDraftErrors = Partial<Record<keyof PublishingDraft, string>>;

export function publishingDraftFrom(project: Pick<Project, keyof PublishingDraft>): PublishingDraft {
  return { author: project.author, language: project.language, contact: project.contact, surname: project.surname, shortTitle: project.shortTitle };
}

/** The same rules the core applies, checked first so the user sees them beside the field. */
export function validatePublishing(draft: PublishingDraft): PublishingDraftErrors {
  const errors: PublishingDraftErrors = {};
  if (draft.author.trim().length > Limits.title) errors.author = `A name can have at most ${Limits.title} characters.`;
  if (canonicalLanguageTag(draft.language) === null) errors.language = 'Enter a language tag such as en, en-GB or fr-CA.';
  if (draft.contact.length > Limits.shortText) errors.contact = `At most ${Limits.shortText} characters.`;
  if (draft.surname.trim().length > Limits.runningHeadPart) errors.surname = `At most ${Limits.runningHeadPart} characters.`;
  if (draft.shortTitle.trim().length > Limits.runningHeadPart) errors.shortTitle = `At most ${Limits.runningHeadPart} characters.`;
  return errors;
}

export function publishingToInput(draft: PublishingDraft): PublishingDraft {
  return {
    author: draft.author.trim(),
    language: canonicalLanguageTag(draft.language) ?? DEFAULT_LANGUAGE,
    // Keep the writer's line breaks; only blank lines at the ends go.
    contact: draft.contact.replace(/^\s*\n|\n\s*$/g, '').trimEnd(),
    surname: draft.surname.trim(),
    shortTitle: draft.shortTitle.trim(),
  };
}

/** The language of a new project: the one the app runs in (the system's, in the desktop app). */
export function interfaceLanguage(): string {
  return canonicalLanguageTag(typeof navigator === 'undefined' ? '' : navigator.language) ?? DEFAULT_LANGUAGE;
}

const LANGUAGE_TAGS = ['en', 'en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IE', 'en-NZ', 'fr', 'fr-CA', 'de', 'de-AT', 'de-CH', 'es', 'es-MX', 'es-419', 'it', 'pt', 'pt-BR', 'nl', 'sv', 'da', 'nb', 'fi', 'is', 'pl', 'cs', 'sk', 'hu', 'ro', 'ru', 'uk', 'bg', 'sr', 'hr', 'sl', 'el', 'tr', 'he', 'ar', 'hi', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'vi', 'id'] as const;

const names = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });

/** A language tag's name in English ("English (United Kingdom)"), or null when it is not a tag. */
export function languageName(tag: string): string | null {
  const canonical = canonicalLanguageTag(tag);
  if (canonical === null) return null;
  try {
    return names.of(canonical) ?? null;
  } catch {
    return null;
  }
}

/** Suggestions for the language field. */
export const LANGUAGE_SUGGESTIONS: readonly { tag: string; name: string }[] = LANGUAGE_TAGS.map((tag) => ({ tag, name: languageName(tag) ?? tag }));
