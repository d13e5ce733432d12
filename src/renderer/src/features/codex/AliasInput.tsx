import { X } from 'lucide-react';
import { useId, useState, type JSX, type KeyboardEvent } from 'react';
import { addAliases } from './codex-form';
import '../../ui/field.css';

export interface AliasInputProps {
  aliases: string[];
  onChange: (aliases: string[]) => void;
  error?: string;
}

/**
 * Other names as chips: type and press Enter or a comma to add one; Backspace in the empty box
 * removes the last. Text still in the box when the form is saved is added too (see `commit`).
 */
export function AliasInput({ aliases, onChange, error }: AliasInputProps): JSX.Element {
  const [text, setText] = useState('');
  const id = useId();

  const commit = () => {
    if (!text.trim()) return;
    onChange(addAliases(aliases, text));
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      if (!text.trim()) return;
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && text === '' && aliases.length > 0) {
      onChange(aliases.slice(0, -1));
    }
  };

  return (
    <div className={`ui-field alias-input${error ? ' has-error' : ''}`}>
      <label className="ui-field__label" htmlFor={id}>
        Aliases
      </label>
      <div className="ui-input-box alias-input__box">
        {aliases.map((alias) => (
          <span key={alias} className="alias-chip" data-testid="codex-alias">
            {alias}
            <button type="button" aria-label={`Remove alias ${alias}`} onClick={() => onChange(aliases.filter((a) => a !== alias))}>
              <X size={12} />
            </button>
          </span>
        ))}
        <input
          id={id}
          value={text}
          placeholder={aliases.length === 0 ? 'Other names, nicknames, titles…' : ''}
          onChange={(event) => {
            const value = event.target.value;
            // A pasted "Ann, The Fox" becomes chips at once.
            if (value.includes(',')) {
              onChange(addAliases(aliases, value));
              setText('');
            } else setText(value);
          }}
          onKeyDown={onKeyDown}
          onBlur={commit}
          data-testid="codex-alias-input"
        />
      </div>
      {error ? (
        <div className="ui-field__error">{error}</div>
      ) : (
        <div className="ui-field__hint">Press Enter or type a comma after each one. They are highlighted in the text too.</div>
      )}
    </div>
  );
}
