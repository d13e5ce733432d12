import type { ReactNode } from 'react';
import './misc.css';

export interface EmptyStateProps {
  /** A large lucide icon, e.g. `<Feather size={32} />`. */
  icon?: ReactNode;
  title: string;
  /** One or two sentences telling the user what to do next. */
  children?: ReactNode;
  /** Usually one primary Button. */
  action?: ReactNode;
  /** `sm` for narrow panels. */
  size?: 'sm' | 'md';
  'data-testid'?: string;
}

/** What a view shows when it has nothing yet: what this is, and the one thing to do. */
export function EmptyState({ icon, title, children, action, size = 'md', 'data-testid': testId }: EmptyStateProps) {
  return (
    <div className={`ui-empty ui-empty--${size}`} data-testid={testId}>
      {icon && <div className="ui-empty__icon" aria-hidden="true">{icon}</div>}
      <h2 className="ui-empty__title">{title}</h2>
      {children && <div className="ui-empty__text">{children}</div>}
      {action && <div className="ui-empty__action">{action}</div>}
    </div>
  );
}
