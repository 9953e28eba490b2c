// Writes name.br (brotli, quality 11) and name.gz (gzip -9) beside each text or wasm file of a
// build (dist/ by default), so servers send them as they are instead of compressing 1.3 MB of
// wasm on every request (the reference server and static hosts that support it).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] || new URL('../dist', import.meta.url).pathname;
const kinds = new Set(['.wasm', '.js', '.css', '.html', '.json', '.svg', '.csv']);
let count = 0;
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (!statSync(path).isFile() || !kinds.has(extname(name))) continue;
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  writeFileSync(`${path}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  count += 1;
}
console.log(`precompressed ${count} files in ${dir} (.br and .gz)`);
