import { useEffect } from 'react';
import { useStores } from '../../app/services';
import { useAiSettings, useLlmStatusSync } from '../ai-settings';
import { OnboardingDialog } from './OnboardingDialog';
import { shouldShowOnboarding } from './onboarding-visibility';
import { useOnboarding } from './onboarding.store';

/**
 * Mount once in the app. At start, opens the setup guide when no model can run (unless the writer
 * chose "Set up later"); {@link useOnboarding}'s openGuide opens it on demand.
 */
export function Onboarding() {
  const { useLlmStatus } = useStores();
  useLlmStatusSync();
  const status = useLlmStatus((s) => s.status);
  const settingsOpen = useAiSettings((s) => s.open);
  const open = useOnboarding((s) => s.open);
  const readyCount = status ? status.readyTaskClasses.length : null;

  useEffect(() => {
    if (readyCount !== null) useOnboarding.getState().checkAtStart(readyCount);
  }, [readyCount]);

  return shouldShowOnboarding({ open, settingsOpen }) ? <OnboardingDialog status={status} /> : null;
}
