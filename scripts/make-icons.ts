/**
 * Draws Tern's app icons (a tern in flight, seen from below: long swept wings and a forked tail)
 * and writes them as PNG files with a small hand-written encoder, plus the same mark as an SVG
 * favicon. Run once after changing the mark: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const THEME = [0x0f, 0x4c, 0x81] as const; // #0f4c81, also the manifest's theme_color
const MARK = [0xff, 0xff, 0xff] as const;

// The bird in unit coordinates, clockwise from the beak.
const TERN: ReadonlyArray<readonly [number, number]> = [
  [0.5, 0.24],
  [0.535, 0.34],
  [0.55, 0.41],
  [0.7, 0.39],
  [0.95, 0.27],
  [0.75, 0.47],
  [0.575, 0.52],
  [0.565, 0.62],
  [0.66, 0.82],
  [0.525, 0.68],
  [0.5, 0.655],
  [0.475, 0.68],
  [0.34, 0.82],
  [0.435, 0.62],
  [0.425, 0.52],
  [0.25, 0.47],
  [0.05, 0.27],
  [0.3, 0.39],
  [0.45, 0.41],
  [0.465, 0.34],
];

function inside(x: number, y: number, poly: ReadonlyArray<readonly [number, number]>): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Rounded-square tile for the "any" icons; full bleed for maskable ones (the OS applies its own mask). */
function inTile(x: number, y: number, maskable: boolean): boolean {
  if (maskable) return true;
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function draw(size: number, maskable: boolean): Uint8Array {
  // Maskable icons keep the mark inside the central 80% safe zone.
  const scale = maskable ? 0.62 : 0.86;
  const offset = (1 - scale) / 2;
  const poly = TERN.map(([x, y]) => [offset + x * scale, offset + y * scale + 0.02] as const);
  const ss = 4; // 4×4 supersampling for anti-aliased edges
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let bird = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (!inTile(x, y, maskable)) continue;
          tile++;
          if (inside(x, y, poly)) bird++;
        }
      }
      const n = ss * ss;
      const o = (py * size + px) * 4;
      const b = tile === 0 ? 0 : bird / tile;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(THEME[c]! * (1 - b) + MARK[c]! * b);
      rgba[o + 3] = Math.round((255 * tile) / n);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG (https://www.w3.org/TR/png/): 8-bit RGBA, filter type 0 on every scanline. */
function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function svg(): string {
  const points = TERN.map(([x, y]) => `${(x * 86 + 7).toFixed(1)},${(y * 86 + 9).toFixed(1)}`).join(' ');
  const hex = `#${THEME.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="20" fill="${hex}"/><polygon fill="#fff" points="${points}"/></svg>\n`;
}

const out = new URL('../public/icons/', import.meta.url);
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon-180.png', 180, true],
] as const) {
  writeFileSync(new URL(name, out), encodePng(size, draw(size, maskable)));
}
writeFileSync(new URL('../public/favicon.svg', import.meta.url), svg());
console.log('icons written to public/icons/ and public/favicon.svg');
