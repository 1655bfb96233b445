import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the two Teams app icons as real PNGs with nothing but zlib (run once; the output is
 * committed): `color.png` 192×192 on the accent colour, `outline.png` 32×32 white on transparent.
 * The picture is two linked rings: an invite link.
 *
 *   npx tsx scripts/teams-icons.ts
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgba = [number, number, number, number];

/** An RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** How much of pixel (x, y) two linked rings cover, 0..1 (4×4 supersampling). */
function rings(size: number, x: number, y: number): number {
  const r = size * 0.2;
  const width = size * 0.07;
  const centers = [
    [size * 0.39, size * 0.5],
    [size * 0.61, size * 0.5],
  ] as const;
  let hits = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      if (centers.some(([cx, cy]) => Math.abs(Math.hypot(px - cx, py - cy) - r) <= width / 2)) hits++;
    }
  return hits / 16;
}

const ACCENT: Rgba = [0xe0, 0x3c, 0x31, 255];

export const colorIcon = () =>
  png(192, (x, y) => {
    const a = rings(192, x, y);
    return [
      Math.round(ACCENT[0] + (255 - ACCENT[0]) * a),
      Math.round(ACCENT[1] + (255 - ACCENT[1]) * a),
      Math.round(ACCENT[2] + (255 - ACCENT[2]) * a),
      255,
    ];
  });

export const outlineIcon = () => png(32, (x, y) => [255, 255, 255, Math.round(255 * rings(32, x, y))]);

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = resolve(import.meta.dirname, '../manifest/teams');
  writeFileSync(resolve(dir, 'color.png'), colorIcon());
  writeFileSync(resolve(dir, 'outline.png'), outlineIcon());
  console.info(`wrote ${dir}/color.png (192×192) and outline.png (32×32)`);
}
