// The Origin gate as an operator relies on it: pages on this machine and the configured public origins get in, a
// class typing the server's IP or hostname gets in, and a DNS-rebinding page (its own name re-pointed here, so its
// Origin equals the Host header) does not.
import { describe, expect, it } from 'vitest';
import { configuredOrigins, isOriginAllowed, machineNames } from './origins.ts';

const machine = machineNames('teacher-laptop');

describe('origin allowlist', () => {
  it('lets loopback pages in on any port, and scripts without an Origin', () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect(isOriginAllowed(origin, 'localhost:3000', [], machine), origin).toBe(true);
    }
    expect(isOriginAllowed(undefined, 'localhost:3000', [], machine)).toBe(true);
  });

  it('refuses DNS rebinding: a foreign name equal to the Host header is not enough', () => {
    expect(isOriginAllowed('http://evil.example:3000', 'evil.example:3000', [], machine)).toBe(false);
    expect(isOriginAllowed('http://evil.example', 'localhost:3000', [], machine)).toBe(false);
  });

  it("lets a class in by the server's IP address or its own hostname, same origin only", () => {
    expect(isOriginAllowed('http://192.168.1.20:3000', '192.168.1.20:3000', [], machine)).toBe(true);
    expect(isOriginAllowed('http://[fe80::1]:3000', '[fe80::1]:3000', [], machine)).toBe(true);
    expect(isOriginAllowed('http://teacher-laptop.local:3000', 'teacher-laptop.local:3000', [], machine)).toBe(true);
    expect(isOriginAllowed('http://192.168.1.99:3000', '192.168.1.20:3000', [], machine)).toBe(false);
  });

  it('lets the configured public origins in (ALLOWED_ORIGINS, BOOTSCOPE_ORIGINS), and * lets everyone in', () => {
    const allowed = configuredOrigins({ ALLOWED_ORIGINS: 'https://bootscope.school.example/, https://alt.example', BOOTSCOPE_ORIGINS: 'http://old.example' });
    expect(allowed).toEqual(['https://bootscope.school.example', 'https://alt.example', 'http://old.example']);
    expect(isOriginAllowed('https://bootscope.school.example', 'internal:3000', allowed, machine)).toBe(true);
    expect(isOriginAllowed('http://old.example', 'internal:3000', allowed, machine)).toBe(true);
    expect(isOriginAllowed('https://other.example', 'internal:3000', allowed, machine)).toBe(false);
    expect(isOriginAllowed('https://anything.example', 'x', ['*'], machine)).toBe(true);
  });

  it('refuses malformed and non-web origins', () => {
    for (const origin of ['null', 'not a url', 'file:///etc/passwd', 'chrome-extension://abc']) {
      expect(isOriginAllowed(origin, 'localhost:3000', [], machine), origin).toBe(false);
    }
  });
});
