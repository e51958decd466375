import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './pwa/updater';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const updater = registerServiceWorker();

createRoot(container).render(
  <StrictMode>
    <App updater={updater} />
  </StrictMode>,
);
