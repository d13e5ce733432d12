import { describe, expect, it } from 'vitest';
import { languageName, publishingToInput, validatePublishing, type PublishingDraft } from './publishing-draft';

const draft = (overrides: Partial<PublishingDraft> = {}): PublishingDraft => ({
  author: 'Ada Quill',
  language: 'en-GB',
  contact: 'Ada Quill\n12 Harbour Road',
  surname: '',
  shortTitle: '',
  ...overrides,
});

describe('publishing draft', () => {
  it('accepts a complete draft and sends it trimmed, with the language in canonical form', () => {
    expect(validatePublishing(draft())).toEqual({});
    expect(publishingToInput(draft({ author: '  Ada Quill ', language: ' EN-gb ', contact: '\nAda Quill\n12 Harbour Road\n\n', surname: ' Quill ' }))).toEqual({
      author: 'Ada Quill',
      language: 'en-GB',
      contact: 'Ada Quill\n12 Harbour Road',
      surname: 'Quill',
      shortTitle: '',
    });
  });

  it('says what is wrong beside each field', () => {
    expect(validatePublishing(draft({ language: 'english', surname: 'x'.repeat(61), author: 'a'.repeat(301) }))).toEqual({
      language: 'Enter a language tag such as en, en-GB or fr-CA.',
      surname: 'At most 60 characters.',
      author: 'A name can have at most 300 characters.',
    });
  });

  it('names a language in English, the same way in every engine', () => {
    expect(languageName('en-GB')).toBe('English (United Kingdom)');
    expect(languageName('fr-ca')).toBe('French (Canada)');
    expect(languageName('nonsense tag')).toBeNull();
  });
});
