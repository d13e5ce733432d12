import { X } from 'lucide-react';
import { useId, useMemo, useState, type JSX, type KeyboardEvent } from 'react';
import { markerSuggestions, parseMarker } from './memory-filters';

export interface MarkerInputProps {
  /** Accessible name, also the placeholder. */
  label: string;
  value: readonly string[];
  onChange: (markers: string[]) => void;
  /** Markers present in the project, offered as the writer types. */
  known: readonly string[];
  'data-testid'?: string;
}

/**
 * Markers as removable chips plus a box that offers the project's markers as the writer types
 * (a combobox: arrows move, Enter or Tab takes, Backspace on an empty box removes the last chip).
 * Anything typed as `type:value` is accepted too.
 */
export function MarkerInput({ label, value, onChange, known, 'data-testid': testId = 'marker-input' }: MarkerInputProps): JSX.Element {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  /** The writer moved through the suggestions with the arrows: Enter takes the highlighted one. */
  const [navigated, setNavigated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const errorId = useId();
  const suggestions = useMemo(() => (open ? markerSuggestions(known, text, value) : []), [open, known, text, value]);

  const add = (marker: string) => {
    if (!value.includes(marker)) onChange([...value, marker]);
    setText('');
    setError(null);
    setActive(0);
    setNavigated(false);
  };

  const commitTyped = (): boolean => {
    const chosen = suggestions[active];
    if (chosen && (navigated || !text.includes(':'))) {
      add(chosen);
      return true;
    }
    if (!text.trim()) return false;
    const parsed = parseMarker(text);
    if (parsed.ok) add(parsed.marker);
    else setError(parsed.message);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setNavigated(true);
      const count = suggestions.length;
      if (count > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === ',' || (event.key === 'Tab' && text.trim())) {
      if (commitTyped()) event.preventDefault();
    } else if (event.key === 'Backspace' && !text && value.length > 0) {
      onChange(value.slice(0, -1));
    } else if (event.key === 'Escape' && open && suggestions.length > 0) {
      // Close the suggestions only; a second Escape reaches the editor or dialog.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="marker-input" data-testid={testId}>
      <div className="marker-input__box ui-input-box">
        {value.map((marker) => (
          <span key={marker} className="memory-chip" data-testid="marker-chip">
            {marker}
            <button type="button" className="memory-chip__remove" aria-label={`Remove ${marker}`} onClick={() => onChange(value.filter((m) => m !== marker))}>
              <X size={11} aria-hidden="true" />
            </button>
          </span>
        ))}
        <input
          type="text"
          role="combobox"
          aria-label={label}
          placeholder={value.length ? '' : label}
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={suggestions.length ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={text}
          maxLength={160}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(0);
            setNavigated(false);
            setError(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          data-testid={`${testId}-text`}
        />
      </div>
      {suggestions.length > 0 && (
        <ul className="marker-input__list" role="listbox" id={listId} aria-label="Markers in this project">
          {suggestions.map((marker, index) => (
            <li
              key={marker}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : ''}
              // mousedown, not click: the input keeps the focus.
              onMouseDown={(event) => {
                event.preventDefault();
                add(marker);
              }}
              data-testid="marker-suggestion"
            >
              {marker}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="marker-input__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
