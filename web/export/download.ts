/**
 * Saving a file from the page: a Blob made here, or a server URL whose response carries Content-Disposition. Both go
 * through a temporary <a download>, the one way every browser saves without a popup blocker getting involved.
 */

/** `default-dag-07-30.png`: room, what, the simulated clock ':'-free (as the server names recordings). */
export function exportFileName(room: string, what: string, clock: string, ext: string): string {
  return `${room}-${what}-${clock.replaceAll(':', '-')}.${ext}`;
}

function clickLink(href: string, fileName?: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName ?? '';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  clickLink(url, fileName);
  // The download has taken its copy once the click's task is over; a minute is ample and frees the memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A same-origin URL the server answers as an attachment (its Content-Disposition names the file). */
export function saveUrl(url: string): void {
  clickLink(url);
}
