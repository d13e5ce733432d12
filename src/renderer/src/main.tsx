import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppServicesContext, type AppServices } from './app/services';
import { createStores } from './app/stores';
import { cachedTheme } from './features/settings';
import { createApi } from './lib/api';
import { createTransport } from './lib/transport';
import './ui/theme.css';
import './app/app.css';

// Paint in the last theme at once; the preference from the core confirms it a moment later.
const theme = cachedTheme() ?? (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
document.documentElement.dataset['theme'] = theme;

// The one place the transport is made: everything else gets the client (or stores built on it) passed in.
const api = createApi(createTransport());
const services: AppServices = { api, stores: createStores(api) };

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <AppServicesContext.Provider value={services}>
      <App />
    </AppServicesContext.Provider>
  </StrictMode>,
);
