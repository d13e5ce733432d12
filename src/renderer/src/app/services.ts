import { createContext, useContext } from 'react';
import type { Api } from '../lib/api';
import type { Stores } from './stores';

/** What the app hands every component: the one client of the core and the stores built on it. */
export interface AppServices {
  api: Api;
  stores: Stores;
}

/**
 * Provided once around the app by main.tsx (and around a component under test with a fake
 * client). No module holds a client of its own: this is the only way in.
 */
export const AppServicesContext = createContext<AppServices | null>(null);

function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('No AppServicesContext.Provider above this component (see main.tsx).');
  return services;
}

/** The client of the core, for components that call a method or follow an event directly. */
export function useApi(): Api {
  return useServices().api;
}

/** The app's stores; destructure the ones a component reads: `const { useOutline } = useStores();`. */
export function useStores(): Stores {
  return useServices().stores;
}
