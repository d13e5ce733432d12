import { Search } from 'lucide-react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import './field.css';
import './panel.css';

export interface PanelSearchProps extends Omit<ComponentPropsWithRef<'input'>, 'type' | 'size' | 'className'> {
  /** Accessible name of the input, also its placeholder. */
  label: string;
  /** `sm` for a filter beside other controls in the bar, `md` (default) when searching is the panel's purpose. */
  size?: 'sm' | 'md';
  /** A class for the box (the input's props go to the input), e.g. for its place in the bar. */
  className?: string;
  /** Shown after the input, e.g. a spinner while searching. */
  trailing?: ReactNode;
}

/** The search or filter box at the top of a side panel: a magnifier, then the input. */
export function PanelSearch({ label, size = 'md', className, trailing, ...input }: PanelSearchProps) {
  return (
    <label className={['ui-input-box', 'ui-panel__search', `ui-panel__search--${size}`, className].filter(Boolean).join(' ')}>
      <Search size={size === 'sm' ? 14 : 15} aria-hidden="true" />
      <input type="search" placeholder={label} aria-label={label} {...input} />
      {trailing}
    </label>
  );
}
