import { useId } from 'react';
import { useStores } from '../../app/services';
import { useAiSettings } from './ai-settings.store';
import { useLlmStatusSync } from './llm-status.store';
import { ProviderStatusList } from './ProviderStatusList';
import { summarizeStatus } from './status-summary';
import './ai-status.css';

/**
 * A dot and a few words on whether AI can run ("AI ready", "AI: Ollama not running"). Hovering
 * or focusing shows each provider and its models; a click opens AI settings.
 */
export function AiStatusIndicator() {
  const { useLlmStatus } = useStores();
  useLlmStatusSync();
  const status = useLlmStatus((s) => s.status);
  const error = useLlmStatus((s) => s.error);
  const openSettings = useAiSettings((s) => s.openSettings);
  const summary = summarizeStatus(status, error);
  const popoverId = useId();

  return (
    <div className="ai-status">
      <button
        type="button"
        className={`ai-status__button ai-status__button--${summary.tone}`}
        onClick={() => openSettings('models')}
        aria-describedby={popoverId}
        data-testid="ai-status"
        data-tone={summary.tone}
      >
        <span className={`ai-dot ai-dot--${summary.tone}`} aria-hidden="true" />
        <span className="ai-status__label">{summary.label}</span>
      </button>
      <div role="tooltip" id={popoverId} className="ai-status__popover">
        <p className="ai-status__detail">{summary.detail}</p>
        {status && <ProviderStatusList status={status} compact />}
        <p className="ai-status__hint">Click to open AI settings.</p>
      </div>
    </div>
  );
}
