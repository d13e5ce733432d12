import { create } from 'zustand';
import type { ErrorCode } from '../../../../shared/ipc/errors';

/** Error codes a change of AI settings (start Ollama, add a key, pull a model) can fix. */
const SETTINGS_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NO_MODEL_AVAILABLE', 'PROVIDER_UNREACHABLE', 'PROVIDER_AUTH', 'MODEL_MISSING']);

/** True when the AI settings can fix this error: the UI then offers "Open AI settings". */
export function needsSettings(error: { code: ErrorCode } | null | undefined): boolean {
  return !!error && SETTINGS_CODES.has(error.code);
}

/** The window event fired with each request, for listeners outside React. `detail` is {@link AiSettingsRequest}. */
export const AI_SETTINGS_EVENT = 'nova:open-ai-settings';

export interface AiSettingsRequest {
  /** Bumped on every request, so the same request twice still opens the settings twice. */
  seq: number;
  /** The error that led here, if any (NO_MODEL_AVAILABLE, PROVIDER_UNREACHABLE…). */
  reason: ErrorCode | null;
}

interface AiSettingsRequestState {
  /** The latest request, until the settings view handles it. */
  request: AiSettingsRequest | null;
  /** Asks the app to open the AI settings (Ollama, keys, routes). */
  open(reason?: ErrorCode | null): void;
  /** Called by the settings view once it has opened. */
  handled(): void;
}

let seq = 0;

/**
 * "Open AI settings" from anywhere (a chat error, a failed suggestion). The AI settings view
 * watches `request` (or listens for {@link AI_SETTINGS_EVENT} on window), opens, then calls `handled()`.
 */
export const useAiSettingsRequest = create<AiSettingsRequestState>()((set) => ({
  request: null,
  open: (reason = null) => {
    const request: AiSettingsRequest = { seq: ++seq, reason };
    set({ request });
    window.dispatchEvent(new CustomEvent<AiSettingsRequest>(AI_SETTINGS_EVENT, { detail: request }));
  },
  handled: () => set({ request: null }),
}));
