/** Whether a link only works on this computer (localhost, 127.x, ::1): students' phones cannot open it. */
export function isLocalOnly(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]' || host === '::1' || host === '0.0.0.0';
}
