import type { JSX, ReactNode } from 'react';

export interface EditorNoticeProps {
  tone: 'warning' | 'info';
  icon: ReactNode;
  title: string;
  children: ReactNode;
  /** Buttons, primary last. */
  actions: ReactNode;
  'data-testid'?: string;
}

/** A bar above the text that asks the writer to decide something about it. */
export function EditorNotice({ tone, icon, title, children, actions, 'data-testid': testId }: EditorNoticeProps): JSX.Element {
  return (
    <div className={`editor-notice editor-notice--${tone}`} role="alert" data-testid={testId}>
      <span className="editor-notice__icon" aria-hidden="true">
        {icon}
      </span>
      <div className="editor-notice__text">
        <strong>{title}</strong>
        <span>{children}</span>
      </div>
      <div className="editor-notice__actions">{actions}</div>
    </div>
  );
}
