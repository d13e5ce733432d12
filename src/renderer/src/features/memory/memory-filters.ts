import { markerSchema, type MemoryEntry, type MemoryKind, type MemorySourceType } from '../../../../shared/models/memory';

export const KIND_LABELS: Record<MemoryKind, string> = { core: 'Core', episodic: 'Episodic', associative: 'Associative' };

/** One line each, for tooltips and the kind picker. */
export const KIND_HINTS: Record<MemoryKind, string> = {
  core: 'A standing fact or preference the AI should always keep in mind.',
  episodic: 'A summary of what happened: a scene, a chat, an agent run.',
  associative: 'A link between two things: “Mara — sister of — Tomas”.',
};

export const SOURCE_LABELS: Record<MemorySourceType, string> = { scene: 'Scene', codex: 'Codex', chat: 'Chat', run: 'Agent run', writer: 'You' };

/** The markers of `entries` added to `known`, sorted, without repeats. */
export function mergeMarkers(known: readonly string[], entries: readonly Pick<MemoryEntry, 'markers'>[]): string[] {
  const all = new Set(known);
  for (const entry of entries) for (const marker of entry.markers) all.add(marker);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/**
 * Markers to offer while the writer types: those starting with the text first, then those whose
 * value starts with it (typing "mara" finds character:Mara), never one already chosen.
 */
export function markerSuggestions(known: readonly string[], typed: string, chosen: readonly string[], limit = 8): string[] {
  const text = typed.trim().toLowerCase();
  const free = known.filter((m) => !chosen.includes(m));
  if (!text) return free.slice(0, limit);
  const starts = free.filter((m) => m.toLowerCase().startsWith(text));
  const values = free.filter((m) => !starts.includes(m) && (m.split(':').slice(1).join(':').toLowerCase().startsWith(text) || m.toLowerCase().includes(text)));
  return [...starts, ...values].slice(0, limit);
}

export type MarkerParse = { ok: true; marker: string } | { ok: false; message: string };

/** Reads what the writer typed as a marker: `Character: Mara` → `character:Mara`. */
export function parseMarker(text: string): MarkerParse {
  const colon = text.indexOf(':');
  if (colon <= 0) return { ok: false, message: 'A marker is type:value, like character:Mara or theme:grief.' };
  const candidate = `${text.slice(0, colon).trim().toLowerCase()}:${text.slice(colon + 1).trim()}`;
  const parsed = markerSchema.safeParse(candidate);
  return parsed.success ? { ok: true, marker: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'That is not a marker.' };
}

/** `*` reads as "every agent"; anything else lists the agents by name. */
export function describeScope(scope: readonly string[]): string {
  if (scope.length === 0 || scope.includes('*')) return 'All agents';
  return scope.join(', ');
}

/** The scope field's text back to a scope: names split by commas; empty or `*` means every agent. */
export function parseScope(text: string): string[] {
  const names = [...new Set(text.split(',').map((n) => n.trim()).filter(Boolean))];
  return names.length === 0 || names.includes('*') ? ['*'] : names;
}

/** The scope as the scope field shows it: empty for every agent. */
export function scopeText(scope: readonly string[]): string {
  return scope.includes('*') ? '' : scope.join(', ');
}

/** True when any filter narrows the list (the empty state then says so and offers to clear them). */
export function isFiltered(filters: { kinds: unknown[]; markers: unknown[]; agent: string | null; sourceTypes: unknown[] }): boolean {
  return filters.kinds.length > 0 || filters.markers.length > 0 || filters.agent !== null || filters.sourceTypes.length > 0;
}

/** Adds `item` to the list, or takes it out when it is there. */
export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
