import { useEffect, useRef, useState } from 'react';

export interface InlineRenameProps {
  value: string;
  /** Accessible name, e.g. "Chapter title". */
  label: string;
  /** `keyboard` is true when Enter ended the edit (focus should go back to the row). */
  onCommit: (title: string, keyboard: boolean) => void;
  onCancel: (keyboard: boolean) => void;
}

/** A title edited in place: Enter or leaving the field commits, Escape cancels, empty cancels. */
export function InlineRename({ value, label, onCommit, onCancel }: InlineRenameProps) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  /** Enter and Escape both end editing; the blur that follows must not commit a second time. */
  const done = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (commit: boolean, keyboard: boolean) => {
    if (done.current) return;
    done.current = true;
    const title = draft.trim();
    if (commit && title !== '' && title !== value) onCommit(title, keyboard);
    else onCancel(keyboard);
  };

  return (
    <input
      ref={ref}
      className="outline-rename"
      aria-label={label}
      value={draft}
      maxLength={300}
      data-testid="outline-rename-input"
      onChange={(event) => setDraft(event.target.value)}
      onBlur={(event) => finish(true, event.relatedTarget === null)}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(true, true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(false, true);
        }
      }}
    />
  );
}
