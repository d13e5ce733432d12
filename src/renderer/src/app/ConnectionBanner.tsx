import { WifiOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Spinner } from '../ui';
import { useShell } from './shell.store';

/** Shown while the core cannot be reached; typing goes on and saves are retried on reconnect. */
export function ConnectionBanner() {
  const connection = useShell((s) => s.connection);
  const everConnected = useShell((s) => s.everConnected);
  const [slowStart, setSlowStart] = useState(false);

  // A first connection normally takes milliseconds; only say something if it drags on.
  useEffect(() => {
    if (everConnected) return undefined;
    const timer = setTimeout(() => setSlowStart(true), 1_500);
    return () => clearTimeout(timer);
  }, [everConnected]);

  if (connection === 'open') return null;
  if (connection === 'unauthorized') {
    return (
      <div className="connection-banner connection-banner--lost" role="alert" data-testid="connection-banner">
        <WifiOff size={15} aria-hidden="true" />
        <span>
          <strong>Can’t connect to Nova Studio: this page’s access key is not valid.</strong> Open the address that{' '}
          <code>npm run web</code> printed when it started — it changes at every launch.
        </span>
      </div>
    );
  }
  if (connection === 'unreachable' && !everConnected) {
    return (
      <div className="connection-banner connection-banner--lost" role="alert" data-testid="connection-banner">
        <WifiOff size={15} aria-hidden="true" />
        <span>
          <strong>Can’t reach Nova Studio’s core.</strong> Is <code>npm run web</code> (or the app) still running? Retrying…
        </span>
      </div>
    );
  }
  if (!everConnected) {
    if (!slowStart) return null;
    return (
      <div className="connection-banner" role="status" data-testid="connection-banner">
        <Spinner size={15} />
        <span>Connecting to Nova Studio…</span>
      </div>
    );
  }
  return (
    <div className="connection-banner connection-banner--lost" role="alert" data-testid="connection-banner">
      <WifiOff size={15} aria-hidden="true" />
      <span>
        <strong>Lost the connection to Nova Studio.</strong> Reconnecting… Keep writing: your text stays in this window and is saved when the
        connection returns.
      </span>
    </div>
  );
}
