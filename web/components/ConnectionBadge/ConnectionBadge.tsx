/** Connection state for the room: connected / reconnecting / offline, in words and a shape (not only colour). */
import { selectAwaiting, selectConnection, selectRoom } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';

const LOOK = {
  connecting: { glyph: '◌', text: 'Connecting…' },
  connected: { glyph: '●', text: 'Live' },
  reconnecting: { glyph: '◐', text: 'Reconnecting…' },
  offline: { glyph: '○', text: 'Offline — retrying' },
} as const;

export function ConnectionBadge() {
  const connection = useBoot(selectConnection);
  const awaiting = useBoot(selectAwaiting);
  const room = useBoot(selectRoom);
  const look = LOOK[connection];
  const text = connection === 'connected' && awaiting ? 'Syncing…' : look.text;
  return (
    <span className={`conn-badge conn-${connection}`} data-testid="connection" data-connection={connection} role="status" title={room ? `room: ${room}` : undefined}>
      <span aria-hidden="true">{look.glyph}</span> {text}
    </span>
  );
}
