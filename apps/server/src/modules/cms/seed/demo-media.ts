// Images and attachments of the demo articles, generated locally (no network): a PNG "photo" with a
// colour band per article, and a plain-text attachment.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A 320×180 RGB PNG: sky, hills and a river in the given hue, so each article's picture differs. */
export function demoPng(seed: number): Buffer {
  const w = 320;
  const h = 180;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  const hue = (seed * 47) % 255;
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const hill = 110 + Math.round(25 * Math.sin((x + seed * 13) / 37));
      const river = Math.abs(y - 150 - Math.round(8 * Math.sin(x / 23))) < 6;
      const [r, g, b] = river
        ? [70, 130, 200]
        : y > hill
          ? [40 + (hue % 60), 120 + ((x + y) % 40), 60]
          : [150 + (y % 50), 190 + (hue % 40), 235];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function demoAttachment(title: string, lines: string[]): Buffer {
  return Buffer.from([title, '', ...lines, ''].join('\r\n'), 'utf8');
}
