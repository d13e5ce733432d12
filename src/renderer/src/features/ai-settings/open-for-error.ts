import type { ErrorCode } from '../../../../shared/ipc/errors';
import { useAiSettings } from './ai-settings.store';

/** Error codes a change of AI settings (start Ollama, add a key, pull a model) can fix. */
const SETTINGS_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NO_MODEL_AVAILABLE', 'PROVIDER_UNREACHABLE', 'PROVIDER_AUTH', 'MODEL_MISSING']);

/** True when the AI settings can fix this error: the UI then offers "Open AI settings". */
export function needsSettings(error: { code: ErrorCode } | null | undefined): boolean {
  return !!error && SETTINGS_CODES.has(error.code);
}

/** Opens AI settings on the tab that fixes `reason`: Keys for a rejected key, Models otherwise. */
export function openAiSettingsFor(reason?: ErrorCode | null): void {
  useAiSettings.getState().openSettings(reason === 'PROVIDER_AUTH' ? 'keys' : 'models');
}
