// Download sizes of what a shopper fetches (raw, gzip -9, brotli q11).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, OUT } from './harness.mjs';

const FILES = [
  ['loader', 'shopkeep.js'],
  ['glue', 'app/shopkeep.js'],
  ['wasm', 'app/shopkeep_bg.wasm'],
  ['panel css', 'app/shopkeep.css'],
  ['model', 'app/shopkeep.onnx'],
  ['catalog', 'catalog.json'],
  ['orders', 'orders.json'],
  ['policies', 'policies.json'],
];

export function sizes() {
  return FILES.map(([what, file]) => {
    const body = readFileSync(path.join(DIST, file));
    return {
      what,
      file,
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = sizes();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'sizes.json'), JSON.stringify(rows, null, 2));
  console.log('file                        raw        gzip      brotli');
  for (const r of rows) console.log(`${r.file.padEnd(24)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log(`${'total on first open'.padEnd(24)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
}
