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
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, 'chunks.json'), 'utf8'));
} catch {
  console.error('size gate: dist/chunks.json is missing: the size gate measures the split build (cargo xtask dist)');
  process.exit(1);
}
const chunks = manifest.chunks;
const sizes = new Map();

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
  sizes.set(name, size);
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
// A visitor's walk through the wizard in English, standalone, against a server: each step's
// extra bytes as it opens (its chunk and the shared chunks not fetched before), after the plan
// step's lower part (add-ons and total, fetched once the cards are shown), the draft's sync code
// and the resume panel, which the plan step's first answer fetches.
const splits = manifest.splits;
const WALK = ['plan_summary', 'draft_sync', 'resume_panel', 'app_routes', 'step_organization', 'step_domain', 'step_branding', 'step_moderation', 'step_review', 'page_status'];
const fetched = new Set();
let walk = sizes.get(manifest.main_wasm) ?? 0;
console.log(`  the wizard walked (English, standalone): main module ${walk}`);
for (const step of WALK) {
  const files = splits[step];
  if (!files) {
    console.error(`size gate: no split point ${step} in dist/chunks.json`);
    process.exit(1);
  }
  const extra = files.filter((f) => !fetched.has(f));
  const bytes = extra.reduce((n, f) => n + (sizes.get(f) ?? 0), 0);
  extra.forEach((f) => fetched.add(f));
  walk += bytes;
  console.log(`    + ${step.padEnd(20)} ${String(bytes).padStart(7)} bytes br in ${extra.length} files`);
}
for (const [split, files] of Object.entries(splits).filter(([s]) => !WALK.includes(s))) {
  const bytes = files.filter((f) => !fetched.has(f)).reduce((n, f) => n + (sizes.get(f) ?? 0), 0);
  console.log(`    (only when needed) ${split.padEnd(20)} ${String(bytes).padStart(7)} bytes br more`);
}
const walkBudget = budgets.walk_wasm_brotli_bytes;
const walkVerdict = walk <= walkBudget ? 'within' : 'OVER';
console.log(`  wasm of the wizard walked: ${walk} bytes brotli, budget ${walkBudget}: ${walkVerdict}`);
if (walkVerdict !== 'within') {
  console.error(`size gate: the wasm of the wizard walked is ${walk - walkBudget} bytes over its budget`);
  process.exit(1);
}
console.log(`  all wasm (every chunk, the demo and the embedded bridge too): ${totalWasm} bytes brotli`);
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
