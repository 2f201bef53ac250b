/**
 * Entry: connect the one socket client to the one store, then render the shell. The store and client
 * are exposed on `window.__bootscope` for the e2e tests and the web benchmark (read-only use).
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { connectBootscope } from './socket.ts';
import { bootStore } from './store/store.ts';
import { warmRoleLayouts } from './viz/dagWarm.ts';
import './components/DagView/stateColors.css';
// Last, so these layouts' rules win over the ones they replace.
import './components/Layout/presenterView.css';
import './components/Layout/phone.css';

const client = connectBootscope(bootStore);
(window as unknown as { __bootscope: unknown }).__bootscope = { store: bootStore, client };

// The shell's first render runs in a transition (time-sliced): the socket's open event and the join round
// trip are handled between slices instead of waiting behind one long mount task, so the snapshot
// arrives sooner.
const root = createRoot(document.getElementById('root')!);
startTransition(() => {
  root.render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
});
// While the join round trip is in flight the main thread is idle: lay out the DAG's roles then.
warmRoleLayouts();
