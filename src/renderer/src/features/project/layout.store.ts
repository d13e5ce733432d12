import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { useNavigation, type ProjectPanel } from './navigation.store';

export const SIDEBAR_LIMITS = { min: 200, max: 480, initial: 272 } as const;
export const PANEL_LIMITS = { min: 280, max: 640, initial: 340 } as const;

interface LayoutState {
  sidebarOpen: boolean;
  sidebarWidth: number;
  panelWidth: number;
  /** The right panel tab to reopen when the panel is toggled back on. */
  lastPanel: Exclude<ProjectPanel, null>;
  toggleSidebar(): void;
  setSidebarWidth(width: number): void;
  setPanelWidth(width: number): void;
  rememberPanel(panel: Exclude<ProjectPanel, null>): void;
}

const clamp = (value: number, limits: { min: number; max: number }) => Math.round(Math.min(limits.max, Math.max(limits.min, value)));

/** How the project view is laid out; kept across launches like any desktop app's window layout. */
export const useLayout = create<LayoutState>()(
  persist(
    (set) => ({
      sidebarOpen: true,
      sidebarWidth: SIDEBAR_LIMITS.initial,
      panelWidth: PANEL_LIMITS.initial,
      lastPanel: 'codex',
      toggleSidebar: () => set((state) => ({ sidebarOpen: !state.sidebarOpen })),
      setSidebarWidth: (width) => set({ sidebarWidth: clamp(width, SIDEBAR_LIMITS) }),
      setPanelWidth: (width) => set({ panelWidth: clamp(width, PANEL_LIMITS) }),
      rememberPanel: (lastPanel) => set({ lastPanel }),
    }),
    { name: 'nova.layout', version: 1 },
  ),
);

/** Opens the right panel on `panel`; unlike {@link togglePanel}, never closes it. */
export function showPanel(panel: Exclude<ProjectPanel, null>): void {
  const nav = useNavigation.getState();
  if (nav.panel !== panel) nav.setPanel(panel);
  useLayout.getState().rememberPanel(panel);
}

/** Opens the right panel on `panel`, or closes it when that tab is already showing (no argument: toggles). */
export function togglePanel(panel?: Exclude<ProjectPanel, null>): void {
  const nav = useNavigation.getState();
  const target = panel ?? useLayout.getState().lastPanel;
  if (nav.panel === target || (panel === undefined && nav.panel !== null)) {
    nav.setPanel(null);
    return;
  }
  nav.setPanel(target);
  useLayout.getState().rememberPanel(target);
}
