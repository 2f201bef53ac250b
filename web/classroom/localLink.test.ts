// A teacher who opened the page on localhost is warned that the viewer link and QR code will not open on a phone.
import { describe, expect, it } from 'vitest';
import { isLocalOnly } from './localLink.ts';

describe('viewer links a phone cannot open', () => {
  it('warns for localhost, 127.x and ::1, not for a LAN address or a name', () => {
    expect(isLocalOnly('http://localhost:3000/?room=a')).toBe(true);
    expect(isLocalOnly('http://127.0.0.1:3000/?room=a')).toBe(true);
    expect(isLocalOnly('http://[::1]:3000/?room=a')).toBe(true);
    expect(isLocalOnly('http://192.168.1.20:3000/?room=a')).toBe(false);
    expect(isLocalOnly('https://bootscope.school.example/?room=a')).toBe(false);
    expect(isLocalOnly('not a url')).toBe(false);
  });
});
