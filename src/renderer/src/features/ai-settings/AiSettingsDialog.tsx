import { BarChart3, Cpu, KeyRound, Route, ScrollText, ShieldAlert, Sparkles } from 'lucide-react';
import type { ReactNode } from 'react';
import { AI_SETTINGS, type AiSettingsTabLabel } from '../../../../shared/text/settings-names';
import { Button, Dialog, TabPanel, Tabs, type TabItem } from '../../ui';
import { useAiSettings, type AiSettingsTab } from './ai-settings.store';
import { KeysTab } from './KeysTab';
import { useLlmStatusSync } from './llm-status.store';
import { ModelsTab } from './ModelsTab';
import { PolicyTab } from './PolicyTab';
import { PromptsTab } from './PromptsTab';
import { RoutesTab } from './RoutesTab';
import { UsageTab } from './UsageTab';
import './ai-status.css';
import './ai-settings.css';

/** The tab labels are the names messages use after "AI settings →" (settings-names.ts). */
const TABS: readonly (TabItem<AiSettingsTab> & { label: AiSettingsTabLabel })[] = [
  { id: 'models', label: 'Models', icon: <Cpu size={15} />, 'data-testid': 'ai-tab-models' },
  { id: 'keys', label: 'Keys', icon: <KeyRound size={15} />, 'data-testid': 'ai-tab-keys' },
  { id: 'routes', label: 'Routes', icon: <Route size={15} />, 'data-testid': 'ai-tab-routes' },
  { id: 'prompts', label: 'Prompts', icon: <ScrollText size={15} />, 'data-testid': 'ai-tab-prompts' },
  { id: 'usage', label: 'Usage', icon: <BarChart3 size={15} />, 'data-testid': 'ai-tab-usage' },
  { id: 'policy', label: 'Policy', icon: <ShieldAlert size={15} />, 'data-testid': 'ai-tab-policy' },
];

const PANELS: Record<AiSettingsTab, () => ReactNode> = {
  models: () => <ModelsTab />,
  keys: () => <KeysTab />,
  routes: () => <RoutesTab />,
  prompts: () => <PromptsTab />,
  usage: () => <UsageTab />,
  policy: () => <PolicyTab />,
};

/** AI settings: models and Ollama, cloud keys, routes, prompts, usage, the crew's content policy. Opened through {@link useAiSettings}. */
export function AiSettingsDialog() {
  const open = useAiSettings((s) => s.open);
  const close = useAiSettings((s) => s.close);
  if (!open) return null;
  return (
    <Dialog open onClose={close} title={AI_SETTINGS} description="Models on this computer, your cloud keys, which model does what, prompts, usage and the content policy." size="lg" data-testid="ai-settings">
      <AiSettingsBody />
    </Dialog>
  );
}

function AiSettingsBody() {
  useLlmStatusSync();
  const tab = useAiSettings((s) => s.tab);
  const setTab = useAiSettings((s) => s.setTab);
  return (
    <div className="ai-settings">
      <Tabs tabs={TABS} active={tab} onChange={setTab} label={`${AI_SETTINGS} sections`} idPrefix="ai-settings" />
      <TabPanel idPrefix="ai-settings" id={tab} className="ai-settings__panel">
        {PANELS[tab]()}
      </TabPanel>
    </div>
  );
}

/** A row for the Preferences dialog that leads to AI settings. */
export function AiSettingsLink({ onOpen }: { onOpen?: () => void }) {
  const openSettings = useAiSettings((s) => s.openSettings);
  return (
    <div className="ai-settings-link">
      <span className="ai-settings-link__icon" aria-hidden="true">
        <Sparkles size={16} />
      </span>
      <div className="ai-settings-link__text">
        <strong>AI models and keys</strong>
        <span>Ollama, OpenAI and Anthropic keys, routes, prompts, usage and the content policy.</span>
      </div>
      <Button
        onClick={() => {
          onOpen?.();
          openSettings('models');
        }}
        data-testid="open-ai-settings"
      >
        {AI_SETTINGS}…
      </Button>
    </div>
  );
}
