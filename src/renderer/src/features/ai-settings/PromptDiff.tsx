import { buildDiffSections, diffStats, type DiffLine } from './diff-view';

/** A line diff of two versions, per template, with added lines green and removed lines red. */
export function PromptDiff({ lines, from, to }: { lines: readonly DiffLine[]; from: number; to: number }) {
  const sections = buildDiffSections(lines);
  const changed = sections.some((s) => s.added + s.removed > 0);
  return (
    <div className="ai-diff" data-testid="prompt-diff">
      <p className="ai-diff__summary">
        Version {from} → version {to}: <strong>{diffStats(sections)}</strong>
      </p>
      {changed &&
        sections.map((section) => (
          <div key={section.field} className="ai-diff__section">
            <div className="ai-diff__head">
              {section.field === 'system' ? 'System' : 'User'}
              <span className="ai-diff__counts">
                <span className="ai-diff__plus">+{section.added}</span> <span className="ai-diff__minus">−{section.removed}</span>
              </span>
            </div>
            <table className="ai-diff__table">
              <tbody>
                {section.rows.map((row, i) =>
                  row.kind === 'gap' ? (
                    <tr key={i} className="ai-diff__gap">
                      <td colSpan={4}>
                        ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
                      </td>
                    </tr>
                  ) : (
                    <tr key={i} className={`ai-diff__row ai-diff__row--${row.kind}`}>
                      <td className="ai-diff__no">{row.oldNo ?? ''}</td>
                      <td className="ai-diff__no">{row.newNo ?? ''}</td>
                      <td className="ai-diff__sign" aria-label={row.kind === 'same' ? undefined : row.kind}>
                        {row.kind === 'added' ? '+' : row.kind === 'removed' ? '−' : ''}
                      </td>
                      <td className="ai-diff__text">{row.text || ' '}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
