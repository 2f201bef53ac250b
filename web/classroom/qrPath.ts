/**
 * A QR code's modules as one SVG path, so React draws the code as an element (no markup string from a library is
 * ever put into the page) and it stays sharp at any size, on a projector or a phone.
 * Invariant: the path covers exactly the dark modules; x is the column, y the row, one unit per module.
 */

/** What qrcode's create() returns as `modules`: a size x size matrix, row-major, 1 = dark. */
export interface QrMatrix {
  size: number;
  data: ArrayLike<number>;
}

/** Quiet zone the QR standard asks for around the code, in modules (scanners need it to find the code). */
export const QR_QUIET_ZONE = 4;

/** One rectangle per horizontal run of dark modules: a few hundred path commands instead of thousands of <rect>s. */
export function qrPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.data[row * matrix.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.data[row * matrix.size + col]) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}
