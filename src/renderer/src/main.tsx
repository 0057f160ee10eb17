import './leaflet-2d';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { askFirstPageOnSignIn } from './api/live-updates';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
askFirstPageOnSignIn();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
