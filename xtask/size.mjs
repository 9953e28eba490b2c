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

// The split build's chunks (fetched when their step opens, or while the browser is idle) and
// their list, written by the splitter; an unsplit build has neither.
let chunks = [];
try {
  chunks = JSON.parse(readFileSync(join(dist, 'chunks.json'), 'utf8')).chunks;
} catch {
  console.error('size gate: dist/chunks.json is missing: the size gate measures the split build (cargo xtask dist)');
  process.exit(1);
}

let total = 0;
let totalWasm = 0;
let lazy = 0;
let loader = 0;
const lazyLines = [];
for (const name of readdirSync(dist).sort()) {
  const path = join(dist, name);
  // Precompressed copies (.br, .gz) are the same bytes again.
  if (!statSync(path).isFile() || name.endsWith('.br') || name.endsWith('.gz') || name === 'chunks.json' || name === '_headers') continue;
  const size = brotli(readFileSync(path));
  if (name === LOADER) {
    loader = size;
    continue;
  }
  if (name.endsWith('.wasm')) totalWasm += size;
  if (chunks.includes(name)) {
    lazy += size;
    lazyLines.push(`    ${name.padEnd(50)} ${String(size).padStart(8)} bytes br`);
    continue;
  }
  total += size;
  console.log(`  ${name.padEnd(52)} ${String(size).padStart(8)} bytes br`);
}
console.log(`  lazily loaded (${chunks.length} chunks, ${lazy} bytes brotli in all):`);
for (const line of lazyLines) console.log(line);
const wizard = budgets.whole_wizard_wasm_brotli_bytes;
const wizardVerdict = totalWasm <= wizard ? 'within' : 'OVER';
console.log(`  all wasm (the whole wizard walked, every chunk): ${totalWasm} bytes brotli, budget ${wizard}: ${wizardVerdict}`);
if (wizardVerdict !== 'within') {
  console.error(`size gate: the wasm of the whole wizard is ${totalWasm - wizard} bytes over its budget`);
  process.exit(1);
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
