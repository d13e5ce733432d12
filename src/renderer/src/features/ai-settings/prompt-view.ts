import type { PromptAuditEntry, PromptVersion } from '../../../../shared/models/prompts';

export interface TemplatePart {
  text: string;
  /** Set when this part is a {{variable}} placeholder. */
  variable?: string;
  /** Set for a section tag such as {{#if genre}} or {{/if}}. */
  block?: true;
}

/** Splits a template into text, {{variable}} placeholders and {{#section}} tags, to highlight them. */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const pattern = /\{\{\s*([#/^]?)\s*([a-zA-Z_][a-zA-Z0-9_]*)([^}]*)\}\}/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    const index = match.index;
    if (index > last) parts.push({ text: template.slice(last, index) });
    if (match[1] || (match[3] ?? '').trim()) parts.push({ text: match[0], block: true });
    else parts.push({ text: match[0], variable: match[2] ?? '' });
    last = index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The first 8 characters of a hash (enough to tell versions apart on screen). */
export function shortHash(hash: string | null): string {
  if (!hash) return '—';
  return hash.replace(/^sha256:/, '').slice(0, 8);
}

export function sourceLabel(source: PromptVersion['source']): string {
  return source === 'builtin' ? 'Shipped' : 'Your edit';
}

const ACTIONS: Record<PromptAuditEntry['action'], string> = {
  import: 'Imported',
  edit: 'Edited',
  revert: 'Reverted',
  pin: 'Pinned',
  unpin: 'Unpinned',
  adopt: 'Switched to the shipped',
  dismiss: 'Kept own version over the shipped',
};

/** "Edited v2 → v3", "Pinned v1", "Imported v1". */
export function auditTitle(entry: PromptAuditEntry): string {
  const action = ACTIONS[entry.action];
  const { fromVersion: from, toVersion: to } = entry;
  if (entry.action === 'pin' || entry.action === 'import' || entry.action === 'adopt' || entry.action === 'dismiss') return to === null ? action : `${action} v${to}`;
  if (from !== null && to !== null && from !== to) return `${action} v${from} → v${to}`;
  if (to !== null) return `${action} v${to}`;
  return action;
}

/** The version to compare a version with by default: the one before it, else itself. */
export function defaultDiffPair(versions: readonly PromptVersion[]): { from: number; to: number } | null {
  const sorted = versions.map((v) => v.version).sort((a, b) => b - a);
  const to = sorted[0];
  if (to === undefined) return null;
  return { from: sorted[1] ?? to, to };
}
