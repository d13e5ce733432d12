import type { LlmStatus, ProviderStatus } from '../../../../shared/models/llm';
import { formatBytes, PROVIDER_NAMES } from './ai-format';
import { providerState } from './status-summary';

const MAX_COMPACT_MODELS = 4;

export interface ProviderStatusListProps {
  status: LlmStatus;
  /** The popover's short form: state and a few model names. */
  compact?: boolean;
}

/** Each provider: reachable or not, why not, and its models. */
export function ProviderStatusList({ status, compact = false }: ProviderStatusListProps) {
  return (
    <ul className={`ai-providers${compact ? ' ai-providers--compact' : ''}`}>
      {status.providers.map((p) => (
        <ProviderRow key={p.provider} provider={p} compact={compact} />
      ))}
    </ul>
  );
}

function ProviderRow({ provider, compact }: { provider: ProviderStatus; compact: boolean }) {
  const state = providerState(provider);
  const models = compact ? provider.models.slice(0, MAX_COMPACT_MODELS) : provider.models;
  const more = provider.models.length - models.length;
  return (
    <li className="ai-provider" data-provider={provider.provider}>
      <div className="ai-provider__head">
        <span className={`ai-dot ai-dot--${state.tone}`} aria-hidden="true" />
        <span className="ai-provider__name">{PROVIDER_NAMES[provider.provider]}</span>
        <span className="ai-provider__state">{state.text}</span>
      </div>
      {!compact && provider.error && state.tone === 'problem' && <p className="ai-provider__error">{provider.error.message}</p>}
      {models.length > 0 && (
        <ul className="ai-provider__models">
          {models.map((m) => (
            <li key={m.name} className="ai-model-chip">
              <span>{m.name}</span>
              {!compact && m.sizeBytes !== undefined && <span className="ai-model-chip__size">{formatBytes(m.sizeBytes)}</span>}
            </li>
          ))}
          {more > 0 && <li className="ai-model-chip ai-model-chip--more">+{more} more</li>}
        </ul>
      )}
    </li>
  );
}
