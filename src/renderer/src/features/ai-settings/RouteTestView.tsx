import { CircleAlert, CircleCheck, CornerDownRight } from 'lucide-react';
import { Spinner } from '../../ui';
import { formatLatency, modelLabel } from './ai-format';
import type { RouteTestState } from './routes.store';

/** What a route test found: which model answered, how fast, and which failed before it and why. */
export function RouteTestView({ test }: { test: RouteTestState | undefined }) {
  if (!test) return null;
  if (test.running) {
    return (
      <div className="ai-route-test" data-testid="route-test-result" aria-live="polite">
        <Spinner size={14} label="Testing the route…" />
      </div>
    );
  }
  if (test.error) {
    return (
      <div className="ai-route-test ai-route-test--bad" data-testid="route-test-result" role="alert">
        <CircleAlert size={15} aria-hidden="true" />
        <span>{test.error}</span>
      </div>
    );
  }
  const result = test.result;
  if (!result) return null;
  return (
    <div className={`ai-route-test ${result.ok ? 'ai-route-test--ok' : 'ai-route-test--bad'}`} data-testid="route-test-result" aria-live="polite">
      <div className="ai-route-test__main">
        {result.ok ? <CircleCheck size={15} aria-hidden="true" /> : <CircleAlert size={15} aria-hidden="true" />}
        {result.ok && result.used ? (
          <span>
            Answered by <strong>{modelLabel(result.used)}</strong> in {formatLatency(result.latencyMs)}
            {result.sample ? <q className="ai-route-test__sample">{result.sample.trim()}</q> : null}
          </span>
        ) : (
          <span>No model answered{result.error ? `: ${result.error.message}` : '.'}</span>
        )}
      </div>
      {result.fellBackFrom.length > 0 && (
        <ul className="ai-route-test__fallbacks">
          {result.fellBackFrom.map((f, i) => (
            <li key={i}>
              <CornerDownRight size={13} aria-hidden="true" />
              <span>
                Skipped <strong>{modelLabel(f.model)}</strong>: {f.error.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
