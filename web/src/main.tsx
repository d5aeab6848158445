import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';
import { prefetchIncidentDoc } from './pages/incident-doc';
import './styles.css';

// An incident's doc is the one page whose data can be big (thousands of timeline entries):
// start loading it now, alongside the app's own sign-in check, not after it.
const docPath = /^\/incidents\/([^/]+)\/?$/.exec(window.location.pathname);
if (docPath?.[1]) {
  try {
    prefetchIncidentDoc(decodeURIComponent(docPath[1]));
  } catch {
    // A malformed %-escape: the page itself will say the incident wasn't found.
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
