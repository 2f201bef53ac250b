/**
 * The socket client reaches components through context (main.tsx provides the real one; tests and
 * screenshots could provide another). Components send commands through it and never touch socket.io.
 */
import { createContext, useContext } from 'react';
import type { SocketClient } from '../socket.ts';

export const ClientContext = createContext<SocketClient | null>(null);

export function useClient(): SocketClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient: no SocketClient provided; wrap the app in <ClientContext.Provider value={client}>');
  return client;
}
