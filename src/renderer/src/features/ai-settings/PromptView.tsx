import type { PromptVersion } from '../../../../shared/models/prompts';
import { formatDateTime, formatRelativeTime } from '../../ui';
import { shortHash, sourceLabel, splitTemplate } from './prompt-view';

/** A template with its {{variables}} highlighted. */
export function TemplateText({ text }: { text: string }) {
  return (
    <pre className="ai-template">
      {splitTemplate(text).map((part, i) =>
        part.variable ? (
          <mark key={i} className="ai-template__var">
            {part.text}
          </mark>
        ) : part.block ? (
          <span key={i} className="ai-template__block">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </pre>
  );
}

/** One version of a prompt, read-only: where it came from, its templates and variables. */
export function PromptView({ version }: { version: PromptVersion }) {
  const d = version.definition;
  return (
    <div className="ai-prompt-view" data-testid="prompt-view">
      <p className="ai-prompt-meta">
        Version {version.version} · {sourceLabel(version.source)} · <span title={formatDateTime(version.createdAt)}>{formatRelativeTime(version.createdAt)}</span> ·{' '}
        <code title={version.hash}>{shortHash(version.hash)}</code>
        {d.temperature !== undefined && ` · temperature ${d.temperature}`}
        {d.maxTokens !== undefined && ` · up to ${d.maxTokens} tokens`}
        {d.outputSchema && ' · JSON output'}
      </p>
      <h4 className="ai-subtitle">System</h4>
      <TemplateText text={d.system} />
      <h4 className="ai-subtitle">User</h4>
      <TemplateText text={d.user} />
      {d.variables.length > 0 && (
        <>
          <h4 className="ai-subtitle">Variables</h4>
          <table className="ai-table ai-table--compact">
            <tbody>
              {d.variables.map((v) => (
                <tr key={v.name}>
                  <td>
                    <code>{v.name}</code>
                  </td>
                  <td className="ai-muted">{v.required ? 'required' : 'optional'}</td>
                  <td>{v.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
