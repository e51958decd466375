import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './pwa/updater';
import { normalizePath } from './router';
import { findRoute } from './routes';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const updater = registerServiceWorker();

// Load the opened page's chunk before the first render (see lazyPage in routes.ts). If it
// fails (a broken network), render anyway: the page's own lazy load retries and reports.
await findRoute(normalizePath(window.location.pathname))
  ?.preload()
  .catch(() => undefined);

createRoot(container).render(
  <StrictMode>
    <App updater={updater} />
  </StrictMode>,
);
