import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { AppServicesContext, type AppServices } from '../app/services';
import { createStores } from '../app/stores';
import { createFakeApi, type FakeApi } from './fake-api';

export interface RenderedWithServices extends RenderResult {
  api: FakeApi;
  services: AppServices;
}

/**
 * Renders a component the way main.tsx does (every store built on one client, provided
 * through AppServicesContext), with a fake client. `rerender` keeps the same services, so a
 * test can change a component's props (open another scene) as the app would. Needs a DOM: put
 * `// @vitest-environment happy-dom` at the top of the test file.
 */
export function renderWithServices(ui: ReactElement, api: FakeApi = createFakeApi()): RenderedWithServices {
  const services: AppServices = { api, stores: createStores(api) };
  const wrapper = ({ children }: { children: ReactNode }) => <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
  const result = render(ui, { wrapper });
  return { ...result, api, services };
}
