/**
 * The AI setup guide, shown when no model can run. Test ids: `onboarding`,
 * `onboarding-ollama-status`, `onboarding-ollama-url`, `onboarding-pull`, `pull-progress`,
 * `pull-cancel`, `onboarding-path-ollama|key`, `onboarding-key-provider`, `onboarding-key-input`,
 * `onboarding-key-save`, `onboarding-key-result`, `onboarding-dismiss`, `onboarding-missing`,
 * `onboarding-ready`, `onboarding-model`, `onboarding-done`.
 */
export { Onboarding } from './Onboarding';
export { useOnboarding } from './onboarding.store';
