// Size gate of `cargo xtask test`: the brotli-compressed bytes of everything in dist/ (what the
// browser loads for the first step: HTML, JS, wasm, CSS, icon, runtime config) against
// budgets.json, and the partner pages' loader (embed.js) against its own budget. Exits 1 when
// over, so a size regression fails CI.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const budgets = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8'));
const budget = budgets.first_step_brotli_bytes;
// Loaded by a partner's page, never by the app: a budget of its own, not part of the first step.
const LOADER = 'embed.js';
const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let total = 0;
let loader = 0;
for (const name of readdirSync(dist).sort()) {
  const path = join(dist, name);
  // Precompressed copies (.br, .gz) are the same bytes again.
  if (!statSync(path).isFile() || name.endsWith('.br') || name.endsWith('.gz')) continue;
  const size = brotli(readFileSync(path));
  if (name === LOADER) {
    loader = size;
    continue;
  }
  total += size;
  console.log(`  ${name.padEnd(44)} ${String(size).padStart(8)} bytes br`);
}
const loaderVerdict = loader <= budgets.embed_loader_brotli_bytes ? 'within' : 'OVER';
console.log(`  ${LOADER} (a partner page's loader, not in the first step): ${loader} bytes brotli, budget ${budgets.embed_loader_brotli_bytes}: ${loaderVerdict}`);
if (loaderVerdict !== 'within') {
  console.error(`size gate: ${LOADER} is ${loader - budgets.embed_loader_brotli_bytes} bytes over its budget`);
  process.exit(1);
}
const verdict = total <= budget ? 'within' : 'OVER';
console.log(`  first step: ${total} bytes brotli, budget ${budget} (budgets.json): ${verdict}`);
if (total > budget) {
  console.error(`size gate: ${total - budget} bytes over budget; find what grew (cargo xtask bench) or, if it is worth it, raise the budget in budgets.json and say why`);
  process.exit(1);
}
