// QR codes for documents and pages that point to a public lookup or verification address. Error
// correction level M survives a creased or slightly smudged printout while keeping the symbol small
// enough for a ~25 mm print.

import QRCode from 'qrcode';

const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

/** PNG image of the QR code for `url` (for HTML pages, e-mail attachments). */
export function qrPng(url: string, width = 256): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width });
}

/** SVG markup of the QR code for `url` (inline in server-rendered pages; scales without blurring). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/**
 * The module matrix: `size` × `size`, `dark(row, col)` true for a black module. The PDF renderer
 * draws these as vector squares, which print sharp at any resolution and weigh less than an image.
 */
export function qrMatrix(url: string): { size: number; dark(row: number, col: number): boolean } {
  const code = QRCode.create(url, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  const { size, data } = code.modules;
  return { size, dark: (row, col) => data[row * size + col] === 1 };
}

/**
 * Absolute address of a page of this site, for QR codes and links in documents that leave the
 * browser (PDF, SMS). Uses ZT_PUBLIC_URL; without it, the address the server prints at start-up.
 */
export function publicLink(
  config: { publicUrl: string | null; host: string; port: number },
  path: string,
): string {
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = (config.publicUrl ?? `http://${shown}:${config.port}`).replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
