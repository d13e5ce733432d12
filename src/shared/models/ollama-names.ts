/**
 * How a model named in a route maps to the models installed in Ollama. Shared by the core (which
 * model a call uses) and the UI (what it shows), so both always agree.
 *
 * Ollama names are `[host/][namespace/]family[:tag]`; no tag means `latest`. A route that names
 * a family without a tag ("llama3.2") is satisfied by any installed tag of it ("llama3.2:3b"); a
 * route that names a tag wants exactly that tag.
 */

/** An installed model as Ollama lists it. */
export interface InstalledOllamaModel {
  name: string;
  sizeBytes?: number | undefined;
}

/** The writer's choice of tag per family (`ollama.tags` in the models file). */
export type OllamaTagPicks = Readonly<Record<string, string>>;

export interface OllamaName {
  family: string;
  tag: string;
  /** The name carried a tag (`latest` is assumed otherwise). */
  tagged: boolean;
}

/** Splits a name at its tag; a colon before the last slash is a registry port, not a tag. */
export function splitOllamaName(name: string): OllamaName {
  const colon = name.lastIndexOf(':');
  if (colon <= name.lastIndexOf('/')) return { family: name, tag: 'latest', tagged: false };
  return { family: name.slice(0, colon), tag: name.slice(colon + 1), tagged: true };
}

/** Whether an installed model satisfies what a route names. */
export function matchesOllamaName(wanted: string, installed: string): boolean {
  const want = splitOllamaName(wanted.trim());
  const have = splitOllamaName(installed);
  if (want.family !== have.family) return false;
  return !want.tagged || want.tag === have.tag;
}

/** One installed tag of a family, as offered in the tag picker. */
export interface OllamaTagChoice {
  name: string;
  tag: string;
  sizeBytes?: number;
}

/** The installed tags of a family (smallest first) and the one picked without the writer's say. */
export interface OllamaFamilyChoices {
  family: string;
  tags: OllamaTagChoice[];
  /** `latest` when installed, else the smallest; null when no tag is installed. */
  automatic: string | null;
}

const bySize = (a: OllamaTagChoice, b: OllamaTagChoice) =>
  (a.sizeBytes ?? Number.MAX_SAFE_INTEGER) - (b.sizeBytes ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name);

/** The installed tags of `family`, smallest first, and the automatic choice among them. */
export function ollamaChoices(family: string, installed: readonly InstalledOllamaModel[]): OllamaFamilyChoices {
  const tags = installed
    .filter((m) => splitOllamaName(m.name).family === family)
    .map((m): OllamaTagChoice => ({ name: m.name, tag: splitOllamaName(m.name).tag, ...(m.sizeBytes !== undefined && { sizeBytes: m.sizeBytes }) }))
    .sort(bySize);
  const latest = tags.find((t) => t.tag === 'latest');
  return { family, tags, automatic: (latest ?? tags[0])?.name ?? null };
}

/**
 * The installed model a route's name resolves to, or null when none fits: an explicit tag as
 * written; for a family, the writer's pick while it is installed, else `latest`, else the
 * smallest installed tag (the most likely to fit in memory).
 */
export function chooseOllamaModel(wanted: string, installed: readonly InstalledOllamaModel[], picks: OllamaTagPicks = {}): string | null {
  const want = splitOllamaName(wanted.trim());
  if (want.tagged) return installed.find((m) => matchesOllamaName(wanted, m.name))?.name ?? null;
  const choices = ollamaChoices(want.family, installed);
  const pick = picks[want.family];
  const picked = pick !== undefined ? choices.tags.find((t) => t.tag === pick) : undefined;
  return picked?.name ?? choices.automatic;
}
