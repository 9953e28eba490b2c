// The OpenAPI document as other tools take it, in `cargo xtask test`: valid OpenAPI 3.1 (the
// schema validator of @seriousme/openapi-schema-validator), and a TypeScript client generated
// from it (openapi-typescript) that compiles with tsc --strict next to code that uses it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('..', import.meta.url).pathname;
const path = join(root, 'api', 'openapi.json');
const validator = new Validator();
const result = await validator.validate(path);
if (!result.valid) {
  console.error(`api/openapi.json is not valid OpenAPI ${validator.version}:`, JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`  api/openapi.json: valid OpenAPI ${validator.version}`);

const ast = await openapiTS(JSON.parse(readFileSync(path, 'utf8')));
const out = join(root, 'target', 'openapi-client');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'api.d.ts'), astToString(ast));
// Code a provider's front end would write against the generated types.
writeFileSync(join(out, 'use.ts'), `import type { paths, components } from './api';
type Signup = components['schemas']['Signup'];
type Patch = paths['/signups/{id}']['patch']['requestBody']['content']['application/json'];
type Refused = paths['/signups/{id}']['patch']['responses'][422]['content']['application/problem+json'];
export const patch: Patch = { moderation: { registrations_mode: 'approved', require_invite_text: true, rules: [{ text: 'Be kind.', hint: '' }], domain_blocks: [], languages: ['en'] } };
export function pointers(p: Refused): string[] { return (p.errors ?? []).map((e) => e.pointer); }
export function version(s: Signup): number { return s.version; }
`);
execFileSync('node', [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--lib', 'es2017', join(out, 'api.d.ts'), join(out, 'use.ts')], { stdio: 'inherit' });
console.log('  a TypeScript client generated from it (openapi-typescript) compiles with tsc --strict');
