import type { KeyboardEvent, ReactNode } from 'react';
import './misc.css';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  icon?: ReactNode;
  /** A count after the label ("3 pending"); its text is part of the tab's accessible name. */
  badge?: { count: number; label: string };
  'data-testid'?: string;
}

export interface TabsProps<T extends string> {
  tabs: readonly TabItem<T>[];
  active: T;
  onChange: (id: T) => void;
  /** Accessible name of the tab list. */
  label: string;
  /** Prefix for element ids; pair with {@link TabPanel} using the same prefix. */
  idPrefix: string;
}

/** A tab strip with arrow-key navigation (WAI-ARIA tabs pattern, automatic activation). */
export function Tabs<T extends string>({ tabs, active, onChange, label, idPrefix }: TabsProps<T>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onChange(tab.id);
    document.getElementById(`${idPrefix}-tab-${tab.id}`)?.focus();
  };
  return (
    <div className="ui-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          aria-selected={tab.id === active}
          tabIndex={tab.id === active ? 0 : -1}
          className={`ui-tab${tab.id === active ? ' is-active' : ''}`}
          onClick={() => onChange(tab.id)}
          data-testid={tab['data-testid']}
        >
          {tab.icon}
          <span>{tab.label}</span>
          {tab.badge && tab.badge.count > 0 && (
            <span className="ui-tab__badge" data-testid={tab['data-testid'] ? `${tab['data-testid']}-badge` : undefined}>
              <span aria-hidden="true">{tab.badge.count}</span>
              <span className="ui-visually-hidden">{` (${tab.badge.label})`}</span>
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

export interface TabPanelProps {
  idPrefix: string;
  id: string;
  children: ReactNode;
  className?: string;
}

/** The region a tab controls. Render only the active one. */
export function TabPanel({ idPrefix, id, children, className }: TabPanelProps) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} className={className}>
      {children}
    </div>
  );
}
