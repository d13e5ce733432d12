import type { JSX, ReactNode } from 'react';
import type { DocMark, DocNode } from '../../../shared/models/document';
import './doc-view.css';

export interface DocViewProps {
  /** A stored document (ProseMirror JSON), e.g. a snapshot's scene or a crash-journal copy. */
  doc: DocNode;
  className?: string;
  'data-testid'?: string;
}

/** Headings inside a preview sit under the surrounding titles: h1 of the text renders as h4. */
const HEADINGS = { 1: 'h4', 2: 'h5', 3: 'h6' } as const;

function withMark(mark: DocMark, child: ReactNode, key: number): ReactNode {
  switch (mark.type) {
    case 'bold':
      return <strong key={key}>{child}</strong>;
    case 'italic':
      return <em key={key}>{child}</em>;
    case 'underline':
      return <u key={key}>{child}</u>;
    case 'strike':
      return <s key={key}>{child}</s>;
    case 'code':
      return <code key={key}>{child}</code>;
    case 'link':
      // Shown, never followed: a preview is for reading, and the address is the writer's data.
      return (
        <span key={key} className="doc-view__link" title={typeof mark.attrs?.href === 'string' ? mark.attrs.href : undefined}>
          {child}
        </span>
      );
    default:
      return child;
  }
}

function renderText(node: DocNode, key: number): ReactNode {
  // React escapes the text: markup typed into a scene shows as the characters it is.
  let out: ReactNode = node.text ?? '';
  for (const mark of node.marks ?? []) out = withMark(mark, out, key);
  return <span key={key}>{out}</span>;
}

function renderChildren(node: DocNode): ReactNode[] {
  return (node.content ?? []).map((child, index) => renderNode(child, index));
}

function renderNode(node: DocNode, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return renderText(node, key);
    case 'paragraph':
      return <p key={key}>{renderChildren(node)}</p>;
    case 'heading': {
      const level = node.attrs?.level === 2 || node.attrs?.level === 3 ? node.attrs.level : 1;
      const Tag = HEADINGS[level];
      return <Tag key={key}>{renderChildren(node)}</Tag>;
    }
    case 'blockquote':
      return <blockquote key={key}>{renderChildren(node)}</blockquote>;
    case 'bulletList':
      return <ul key={key}>{renderChildren(node)}</ul>;
    case 'orderedList':
      return (
        <ol key={key} start={typeof node.attrs?.start === 'number' ? node.attrs.start : undefined}>
          {renderChildren(node)}
        </ol>
      );
    case 'listItem':
      return <li key={key}>{renderChildren(node)}</li>;
    case 'horizontalRule':
      return <hr key={key} aria-label="Scene break" />;
    case 'hardBreak':
      return <br key={key} />;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{renderChildren(node)}</code>
        </pre>
      );
    default:
      return <div key={key}>{renderChildren(node)}</div>;
  }
}

/**
 * A stored document rendered read-only with its formatting (bold, italic, headings, quotes,
 * lists, scene breaks), built as React elements from the JSON: no HTML string is ever parsed,
 * so nothing in the text can run or load anything.
 */
export function DocView({ doc, className, 'data-testid': testId }: DocViewProps): JSX.Element {
  return (
    <div className={`doc-view${className ? ` ${className}` : ''}`} data-testid={testId}>
      {renderChildren(doc)}
    </div>
  );
}
