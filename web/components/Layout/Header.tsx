/** Product name, simulated clock (mm:ss), scenario, connection badge, theme toggle and help. */
import { useEffect } from 'react';
import { selectActions, selectForkOf, selectScenario, selectTheme } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useSimClock } from '../../hooks/useSimClock.ts';
import { ConnectionBadge } from '../ConnectionBadge/ConnectionBadge.tsx';
import { formatSimTime } from '../EventLog/eventText.ts';
import { ViewerName } from '../ViewerName/ViewerName.tsx';

function Clock() {
  const now = useSimClock();
  return <time className="sim-clock" data-testid="sim-clock" aria-label="Simulated time">{formatSimTime(now)}</time>;
}

export function Header() {
  const theme = useBoot(selectTheme);
  const scenario = useBoot(selectScenario);
  const forkOf = useBoot(selectForkOf);
  const { setTheme, setHelpOpen } = useBoot(selectActions);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    window.localStorage?.setItem('bootscope-theme', theme);
  }, [theme]);
  return (
    <header className="app-header">
      <h1 className="brand"><span className="brand-mark" aria-hidden="true">◆</span> Bootscope <span className="brand-sub">DC/OS boot, live</span></h1>
      {scenario && <span className="scenario-title" title={scenario.description}>{scenario.title}</span>}
      {forkOf && <span className="scenario-title fork-title" data-testid="fork-of" title="This room is a what-if branched from another room">↳ what-if of {forkOf.room} at {formatSimTime(forkOf.atMs)}</span>}
      <div className="header-right">
        <ViewerName />
        <Clock />
        <ConnectionBadge />
        <button type="button" className="btn btn-icon" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Theme">
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" className="btn btn-icon" onClick={() => setHelpOpen(true)} aria-label="Help" aria-keyshortcuts="?" title="Help (?)">?</button>
      </div>
    </header>
  );
}
