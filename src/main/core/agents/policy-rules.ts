import type { PolicyRule } from '../../../shared/models/policy';
import type { PolicyViolation, ProposalChange } from '../../../shared/models/runs';
import { countWords } from '../../../shared/text/word-count';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A word or phrase as a whole: not inside a longer word, any run of spaces between its words. */
const wordPattern = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word.trim().split(/\s+/u).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');

/** The text a change would put in the book, for the word and pattern rules. */
function textOf(change: ProposalChange): string {
  switch (change.type) {
    case 'scene-text':
      return change.after;
    case 'new-scene':
      return `${change.title}\n${change.after}`;
    case 'codex':
      return [change.name, change.after.description, ...Object.entries(change.after.fields).map(([name, value]) => `${name}: ${value}`)].join('\n');
    case 'memory':
      return change.content;
  }
}

/** The prose of a prose change (the length rule's subject), or null. */
function proseOf(change: ProposalChange): string | null {
  return change.type === 'scene-text' || change.type === 'new-scene' ? change.after : null;
}

/** A short quote of what matched, for the violation's message. */
function quote(text: string, index: number, length: number): string {
  const found = text.slice(index, index + Math.min(length, 60)).replace(/\s+/g, ' ');
  return `“${found}${length > 60 ? '…' : ''}”`;
}

const fieldValue = (fields: Record<string, string>, name: string): string | undefined => {
  const wanted = name.trim().toLowerCase();
  return Object.entries(fields).find(([key]) => key.trim().toLowerCase() === wanted)?.[1];
};

/** What one rule says about one change: a violation, or null when the change keeps to it. */
function checkRule(rule: PolicyRule, change: ProposalChange): PolicyViolation | null {
  // The rule's own message, with what matched when there is something to quote.
  const violation = (fallback: string, found?: string): PolicyViolation => ({
    rule: rule.id,
    message: rule.message === undefined ? fallback : `${rule.message}${found ? ` (${found})` : ''}`,
    blocking: rule.blocking,
  });
  switch (rule.type) {
    case 'blocked-words': {
      const text = textOf(change);
      for (const word of rule.words) {
        const match = wordPattern(word).exec(text);
        if (match) {
          const found = quote(text, match.index, match[0].length);
          return violation(`It contains ${found}, which the policy blocks.`, found);
        }
      }
      return null;
    }
    case 'blocked-pattern': {
      const text = textOf(change);
      const pattern = compilePattern(rule.pattern);
      const match = pattern?.exec(text);
      if (!match) return null;
      const found = quote(text, match.index, match[0].length);
      return violation(`It contains ${found}, which the policy’s rule “${rule.id}” blocks.`, found);
    }
    case 'length': {
      const prose = proseOf(change);
      if (prose === null) return null;
      const words = countWords(prose);
      if (rule.minWords !== undefined && words < rule.minWords) return violation(`The text has ${words.toLocaleString('en')} words; the policy asks for at least ${rule.minWords.toLocaleString('en')}.`);
      if (rule.maxWords !== undefined && words > rule.maxWords) return violation(`The text has ${words.toLocaleString('en')} words; the policy allows at most ${rule.maxWords.toLocaleString('en')}.`);
      return null;
    }
    case 'required-fields': {
      if (change.type !== 'codex' || (rule.kinds.length > 0 && !rule.kinds.includes(change.kind))) return null;
      const { description, fields } = change.after;
      const missing = rule.fields.filter((name) => ((name === 'description' ? description : fieldValue(fields, name)) ?? '').trim() === '');
      return missing.length > 0 ? violation(`The ${change.kind} “${change.name}” has no ${missing.join(', ')}, which the policy requires.`) : null;
    }
  }
}

/** A blocked pattern as the policy runs it (JavaScript syntax, flags `iu`), or null when it does not compile. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return null;
  }
}

/**
 * The policy's verdict on a proposed change: one violation per rule it breaks, in the rules'
 * order. Words and patterns look at everything the change would write (prose, a new scene's
 * title, a codex entry's name, description and fields, a memory); length looks at prose
 * only; required fields at codex entries of the rule's kinds.
 */
export function checkPolicy(rules: readonly PolicyRule[], change: ProposalChange): PolicyViolation[] {
  return rules.map((rule) => checkRule(rule, change)).filter((v): v is PolicyViolation => v !== null);
}
