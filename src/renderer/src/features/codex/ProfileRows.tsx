import { Plus, X } from 'lucide-react';
import type { JSX } from 'react';
import { Button, IconButton } from '../../ui';
import { newRow, type ProfileRow } from './codex-form';

export interface ProfileRowsProps {
  rows: ProfileRow[];
  onChange: (rows: ProfileRow[]) => void;
  error?: string;
}

/** The structured profile: named details with a value each. Empty values are not stored. */
export function ProfileRows({ rows, onChange, error }: ProfileRowsProps): JSX.Element {
  const update = (key: string, patch: Partial<ProfileRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="ui-fieldset">
      <legend className="ui-field__label">Details</legend>
      {rows.map((row) => (
        <div className="profile-rows__row" key={row.key} data-testid="codex-profile-row">
          <input
            className="ui-input profile-rows__field"
            value={row.field}
            placeholder="Detail"
            aria-label="Detail name"
            maxLength={300}
            onChange={(event) => update(row.key, { field: event.target.value })}
          />
          <input
            className="ui-input profile-rows__value"
            value={row.value}
            placeholder="—"
            aria-label={row.field ? `Value of ${row.field}` : 'Value'}
            maxLength={2000}
            onChange={(event) => update(row.key, { value: event.target.value })}
          />
          <IconButton label="Remove detail" size="sm" icon={<X size={14} />} onClick={() => onChange(rows.filter((r) => r.key !== row.key))} />
        </div>
      ))}
      {error && <div className="ui-field__error">{error}</div>}
      <div>
        <Button size="sm" variant="ghost" icon={<Plus size={14} />} onClick={() => onChange([...rows, newRow()])}>
          Add detail
        </Button>
      </div>
    </fieldset>
  );
}
