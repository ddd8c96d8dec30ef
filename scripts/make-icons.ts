/**
 * Draws the add-in's icons (assets/icon-16/32/64/80/128.png): a blue rounded
 * square with a white disc split in two, region and municipalities.
 * Run: npm run build:icons. Written with zlib, no image library needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { projectRoot } from './paths';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA image as PNG bytes. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export function drawIcon(size: number): Buffer {
  const px = new Uint8Array(size * size * 4);
  const S = 4; // supersampling per axis
  const radius = size * 0.2;
  const blue = [15, 108, 189];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let inBox = 0;
      let white = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const fx = x + (sx + 0.5) / S;
          const fy = y + (sy + 0.5) / S;
          // rounded square
          const dx = Math.max(radius - fx, 0, fx - (size - radius));
          const dy = Math.max(radius - fy, 0, fy - (size - radius));
          if (dx * dx + dy * dy > radius * radius) continue;
          inBox++;
          // disc split by a vertical gap: left half region, right half municipalities
          const cx = size / 2;
          const cy = size / 2;
          const r = size * 0.32;
          const gap = Math.max(1, size * 0.06) / 2;
          const inDisc = (fx - cx) ** 2 + (fy - cy) ** 2 <= r * r;
          if (inDisc && Math.abs(fx - cx) > gap) white++;
        }
      const i = (y * size + x) * 4;
      const a = inBox / (S * S);
      if (a === 0) continue;
      const w = white / inBox;
      px[i] = Math.round(blue[0] * (1 - w) + 255 * w);
      px[i + 1] = Math.round(blue[1] * (1 - w) + 255 * w);
      px[i + 2] = Math.round(blue[2] * (1 - w) + 255 * w);
      px[i + 3] = Math.round(255 * a);
    }
  return encodePng(size, size, px);
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

if (require.main === module) {
  const dir = path.join(projectRoot(), 'assets');
  fs.mkdirSync(dir, { recursive: true });
  for (const s of ICON_SIZES) fs.writeFileSync(path.join(dir, `icon-${s}.png`), drawIcon(s));
  console.log(`wrote ${ICON_SIZES.length} icons to assets/`);
}
