import type { CodexEntry } from '../../../shared/models/codex';
import type { ContinuityEvidence, ContinuityFact } from '../../../shared/models/continuity';
import { issueSignature, normaliseAttribute, normaliseValue, sameValue } from './continuity-normalise';
import type { IssueDraft } from './continuity.repo';

/** Where a scene sits in the book, for labels and links. */
export interface ScenePlace {
  chapterId: string;
  /** "chapter 12, scene 3" */
  label: string;
  /** Manuscript order: earlier scenes have smaller numbers. */
  order: number;
}

export interface CompareInput {
  /** The facts of the scene just checked. */
  facts: readonly ContinuityFact[];
  entry(entryId: string): CodexEntry | undefined;
  /** Facts of other scenes about the same entity and attribute. */
  others(fact: ContinuityFact): readonly ContinuityFact[];
  place(sceneId: string): ScenePlace | undefined;
  /** What the entry's description states about an attribute, when it says anything. */
  described?(entryId: string, attribute: string): { value: string; quote: string } | undefined;
}

/** What the codex says about an attribute: its profile field, else its description. */
export function codexSays(entry: CodexEntry, attribute: string, described: CompareInput['described']): { where: string; value: string; quote: string } | undefined {
  const field = profileField(entry, attribute);
  if (field) return { where: field.field, value: field.value, quote: `${field.field}: ${field.value}` };
  const stated = described?.(entry.id, attribute);
  return stated ? { where: 'description', value: stated.value, quote: stated.quote } : undefined;
}

/** How a sentence names an attribute: "Mara's eyes are …", "Mara's age is …". */
function phrase(attribute: string): string {
  if (attribute === 'eye colour') return 'eyes are';
  if (attribute === 'hair colour') return 'hair is';
  return `${attribute} is`;
}

/** "Mara's eyes are grey in the codex, green in chapter 12, scene 3." */
export function summarise(entity: string, attribute: string, against: ContinuityEvidence, found: ContinuityEvidence, foundPlace: string): string {
  const where = against.type === 'codex' ? 'the codex' : against.label.toLowerCase();
  return `${entity}’s ${phrase(attribute)} ${against.value} in ${where}, ${found.value} in ${foundPlace}.`;
}

/** The codex profile field that holds an attribute, if the entry has one. */
export function profileField(entry: CodexEntry, attribute: string): { field: string; value: string } | undefined {
  for (const [field, value] of Object.entries(entry.profile)) {
    if (normaliseAttribute(field) === attribute) return { field, value };
  }
  return undefined;
}

function sceneEvidence(fact: ContinuityFact, place: ScenePlace | undefined): ContinuityEvidence {
  return {
    type: 'scene',
    id: fact.sceneId,
    label: place ? capitalise(place.label) : 'A scene',
    value: fact.value,
    quote: fact.quote,
    chapterId: place?.chapterId ?? null,
    range: fact.range,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The contradictions a scene's facts make: with the codex entry's profile field for the
 * attribute, or failing that its description, when the codex says anything (the codex is the
 * reference), otherwise with what other scenes
 * said (the later scene is the one "found", the earlier the one it disagrees with).
 */
export function findContradictions(input: CompareInput): IssueDraft[] {
  const drafts: IssueDraft[] = [];
  const seen = new Set<string>();
  const add = (draft: IssueDraft) => {
    const key = `${draft.signature}\u001e${draft.found.id}\u001e${draft.against.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    drafts.push(draft);
  };
  for (const fact of input.facts) {
    const entry = input.entry(fact.entryId);
    if (!entry) continue;
    const place = input.place(fact.sceneId);
    const found = sceneEvidence(fact, place);
    const codex = codexSays(entry, fact.attribute, input.described);
    if (codex) {
      if (sameValue(codex.value, fact.value)) continue;
      const against: ContinuityEvidence = { type: 'codex', id: entry.id, label: `Codex · ${entry.name} · ${codex.where}`, value: codex.value, quote: codex.quote, chapterId: null, range: null };
      add(draftOf(entry, fact, found, against, place?.label ?? 'a scene'));
      continue;
    }
    for (const other of input.others(fact)) {
      if (sameValue(other.value, fact.value)) continue;
      const otherPlace = input.place(other.sceneId);
      const otherEvidence = sceneEvidence(other, otherPlace);
      // Oriented by manuscript order so checking either scene finds the same issue.
      const laterIsThis = (place?.order ?? 0) >= (otherPlace?.order ?? 0);
      add(
        laterIsThis
          ? draftOf(entry, fact, found, otherEvidence, place?.label ?? 'a scene')
          : draftOf(entry, other, otherEvidence, found, otherPlace?.label ?? 'a scene'),
      );
    }
  }
  return drafts;
}

function draftOf(entry: CodexEntry, fact: ContinuityFact, found: ContinuityEvidence, against: ContinuityEvidence, foundPlace: string): IssueDraft {
  return {
    entryId: entry.id,
    entityName: entry.name,
    attribute: fact.attribute,
    signature: issueSignature(entry.id, fact.attribute, found.value, against.value),
    summary: summarise(entry.name, fact.attribute, against, found, foundPlace),
    found,
    against,
  };
}

/** The codex entry a value names ("Tomas", "her brother Tomas"), other than the fact's own entity. */
export function namedEntry(value: string, entries: readonly CodexEntry[], selfId: string): CodexEntry | undefined {
  const words = ` ${normaliseValue(value)} `;
  return entries.find((entry) => entry.id !== selfId && [entry.name, ...entry.aliases].some((name) => {
    const n = normaliseValue(name);
    return n.length > 0 && words.includes(` ${n} `);
  }));
}
