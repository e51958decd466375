import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './pwa/updater';
import { normalizePath } from './router';
import { findRoute } from './routes';
import './tokens.css';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const updater = registerServiceWorker();

// Load the opened page's chunk before the first render (see lazyPage in routes.ts). If it
// fails (a broken network), render anyway: the page's own lazy load retries and reports.
// A promise, not a top-level await: with one, the bundler turns off its chunk merging, and
// every page would load a dozen small chunks (3 KB more each, test/budgets).
const opened = findRoute(normalizePath(window.location.pathname));
void (opened ? opened.preload().catch(() => undefined) : Promise.resolve()).then(() => {
  createRoot(container).render(
    <StrictMode>
      <App updater={updater} />
    </StrictMode>,
  );
});
