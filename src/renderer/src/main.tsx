import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { cachedTheme } from './features/settings';
import './ui/theme.css';
import './app/app.css';

// Paint in the last theme at once; the preference from the core confirms it a moment later.
const theme = cachedTheme() ?? (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
document.documentElement.dataset['theme'] = theme;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
