import type { JSX, ReactNode } from 'react';

export interface EditorNoticeProps {
  tone: 'warning' | 'info';
  icon: ReactNode;
  title: string;
  children: ReactNode;
  /** Buttons, primary last. */
  actions: ReactNode;
  /** More to look at before deciding (a preview), shown under the sentence and the buttons. */
  details?: ReactNode;
  'data-testid'?: string;
}

/** A bar above the text that asks the writer to decide something about it. */
export function EditorNotice({ tone, icon, title, children, actions, details, 'data-testid': testId }: EditorNoticeProps): JSX.Element {
  return (
    <div className={`editor-notice editor-notice--${tone}`} data-testid={testId}>
      <span className="editor-notice__icon" aria-hidden="true">
        {icon}
      </span>
      {/* Only the sentence is announced; a preview below it can be long. */}
      <div className="editor-notice__text" role="alert">
        <strong>{title}</strong>
        <span>{children}</span>
      </div>
      <div className="editor-notice__actions">{actions}</div>
      {details && <div className="editor-notice__details">{details}</div>}
    </div>
  );
}
