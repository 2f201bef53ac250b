/**
 * The room's HTTP routes as the dashboard calls them (architecture.md §6): one place that spells the URLs, and one
 * way to turn a refusal into an Error that carries the server's own sentence for the toast.
 */

export const roomApiUrl = (room: string, route: string): string => `/api/rooms/${encodeURIComponent(room)}/${route}`;

export async function getRoomJson<T>(room: string, route: string): Promise<T> {
  const res = await fetch(roomApiUrl(room, route));
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}
