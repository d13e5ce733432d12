import { z } from 'zod';

/** The language of a project whose language was never set (and of projects made before it could be). */
export const DEFAULT_LANGUAGE = 'en';

/**
 * The canonical form of a BCP 47 language tag (`EN-gb` → `en-GB`), or `null` when `tag` is not
 * one. Uses `Intl`, which the core (Node) and the renderer (Chromium) both have.
 */
export function canonicalLanguageTag(tag: string): string | null {
  const trimmed = tag.trim();
  // Intl accepts private-use and grandfathered forms we do not want in a file's metadata.
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(trimmed) || trimmed.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    return null;
  }
}

/** A language tag such as `en`, `en-GB`, `fr-CA` or `sr-Latn`, stored in canonical form. */
export const languageTagSchema = z
  .string()
  .transform((tag, context) => {
    const canonical = canonicalLanguageTag(tag);
    if (canonical === null) {
      context.addIssue({ code: 'custom', message: 'Enter a language tag such as en, en-GB or fr-CA.' });
      return z.NEVER;
    }
    return canonical;
  });
