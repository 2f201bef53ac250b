// A phone scans what qrPath draws: every dark module is covered, every light one is not.
import { describe, expect, it } from 'vitest';
import { create } from 'qrcode';
import { qrPath, type QrMatrix } from './qrPath.ts';

/** Rasterises the path's rectangles back into a matrix (the path only ever holds axis-aligned runs). */
function rasterise(path: string, size: number): number[] {
  const out = new Array<number>(size * size).fill(0);
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-?\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) out[y * size + x + i] = 1;
  }
  return out;
}

describe('qrPath', () => {
  it('draws one rectangle per run of dark modules in a row', () => {
    const matrix: QrMatrix = { size: 3, data: [1, 1, 0, 0, 0, 0, 1, 0, 1] };
    expect(qrPath(matrix)).toBe('M0 0h2v1h-2zM0 2h1v1h-1zM2 2h1v1h-1z');
  });

  it('covers exactly the dark modules of a real viewer link', () => {
    const { modules } = create('http://10.0.0.5:3000/?room=class-7f3a', { errorCorrectionLevel: 'M' });
    expect(rasterise(qrPath(modules), modules.size)).toEqual([...modules.data].map((v) => (v ? 1 : 0)));
  });
});
