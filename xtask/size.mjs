// Size gate of `cargo xtask test`: the brotli-compressed bytes of everything in dist/ (what the
// browser loads for the first step: HTML, JS, wasm, CSS, icon, runtime config) against
// budgets.json. Exits 1 when over, so a size regression fails CI.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8')).first_step_brotli_bytes;
const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let total = 0;
for (const name of readdirSync(dist).sort()) {
  const path = join(dist, name);
  // Precompressed copies (.br, .gz) are the same bytes again.
  if (!statSync(path).isFile() || name.endsWith('.br') || name.endsWith('.gz')) continue;
  const size = brotli(readFileSync(path));
  total += size;
  console.log(`  ${name.padEnd(44)} ${String(size).padStart(8)} bytes br`);
}
const verdict = total <= budget ? 'within' : 'OVER';
console.log(`  first step: ${total} bytes brotli, budget ${budget} (budgets.json): ${verdict}`);
if (total > budget) {
  console.error(`size gate: ${total - budget} bytes over budget; find what grew (cargo xtask bench) or, if it is worth it, raise the budget in budgets.json and say why`);
  process.exit(1);
}
