import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SandboxApp } from './sandbox-app';
import './sandbox.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SandboxApp />
  </StrictMode>,
);
