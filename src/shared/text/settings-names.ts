/**
 * The one name of the AI settings screen, as its dialog title shows it. Every message that sends
 * the writer there — core errors and UI text alike — uses these, so a message never names a
 * screen that does not exist ("Settings → AI", "Preferences → …"). `scripts/settings-names.test.ts`
 * fails when a message spells it another way.
 */
export const AI_SETTINGS = 'AI settings';

/** The tabs of AI settings, as their labels show them. */
export type AiSettingsTabLabel = 'Models' | 'Keys' | 'Routes' | 'Prompts' | 'Usage' | 'Policy';

/** "AI settings → Keys": where a fix is, down to the tab. */
export function aiSettingsTab(tab: AiSettingsTabLabel): string {
  return `${AI_SETTINGS} → ${tab}`;
}
