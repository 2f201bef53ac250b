/**
 * The viewer link as a QR code for students' phones: dark on white whatever the theme (scanners want contrast), with
 * the quiet zone the standard asks for, drawn by React from the code's modules (qrPath.ts). `qrcode` is imported
 * here, inside the New class chunk, so it stays out of the page's initial JS.
 */
import { useMemo } from 'react';
import { create } from 'qrcode';
import { QR_QUIET_ZONE, qrPath } from '../../classroom/qrPath.ts';

export function QrCode({ text, label }: { text: string; label: string }) {
  // 'M' (15% recovery): a projected code photographed at an angle still reads, and a long URL stays a small version.
  const { size, d } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    return { size: modules.size, d: qrPath(modules) };
  }, [text]);
  const box = size + 2 * QR_QUIET_ZONE;
  return (
    <svg className="qr-code" viewBox={`${-QR_QUIET_ZONE} ${-QR_QUIET_ZONE} ${box} ${box}`} role="img" aria-label={label} data-testid="viewer-qr" shapeRendering="crispEdges">
      <rect x={-QR_QUIET_ZONE} y={-QR_QUIET_ZONE} width={box} height={box} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
