import { useStores } from '../../app/services';
import { StatusPill } from '../../ui';
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

  return (
    <StatusPill
      label={summary.label}
      detail={summary.detail}
      hint="Click to open AI settings."
      icon={<span className={`ai-dot ai-dot--${summary.tone}`} aria-hidden="true" />}
      tone={summary.tone}
      className="ai-status"
      testId="ai-status"
      onClick={() => openSettings('models')}
    >
      {status && <ProviderStatusList status={status} compact />}
    </StatusPill>
  );
}
