import type { JSX } from 'react';
import { fieldDiff, wordDiff, type FieldChange } from '../../lib/proposal-diff';
import { diffStats } from './proposal-diff';

/** A word-level diff of prose: removed words struck through, added ones marked, the rest as is. */
export function TextDiff({ before, after, label }: { before: string; after: string; label: string }): JSX.Element {
  const parts = wordDiff(before, after);
  const stats = diffStats(parts);
  return (
    <figure className="proposal-diff" aria-label={label}>
      <figcaption className="proposal-diff__stats">
        {stats.added} words added, {stats.removed} removed
      </figcaption>
      <div className="proposal-diff__text" data-testid="proposal-text-diff">
        {parts.map((part, i) =>
          part.kind === 'added' ? (
            <ins key={i} className="proposal-diff__added">
              {part.text}
            </ins>
          ) : part.kind === 'removed' ? (
            <del key={i} className="proposal-diff__removed">
              {part.text}
            </del>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </div>
    </figure>
  );
}

const KIND_LABEL: Record<FieldChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed', same: 'Unchanged' };

/** A codex entry's change, field by field: before and after, and whether it is added, removed or changed. */
export function FieldDiff({ before, after }: { before: { description: string; fields: Record<string, string> } | null; after: { description: string; fields: Record<string, string> } }): JSX.Element {
  const changes = fieldDiff(before, after);
  return (
    <table className="proposal-fields" data-testid="proposal-field-diff">
      <caption className="ui-visually-hidden">Codex fields before and after</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} className={`proposal-fields__row is-${change.kind}`} data-kind={change.kind}>
            <th scope="row">
              {change.field}
              <span className="proposal-fields__kind">{KIND_LABEL[change.kind]}</span>
            </th>
            <td>{change.before === null ? <span className="proposal-fields__none">—</span> : change.kind === 'same' ? change.before : <del>{change.before}</del>}</td>
            <td>{change.after === null ? <span className="proposal-fields__none">—</span> : change.kind === 'same' ? change.after : <ins>{change.after}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
