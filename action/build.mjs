// Bundles the Action (action/main.ts and everything it imports) into one ESM file, action/dist/index.js,
// which is committed: a runner executes it without installing anything. CI rebuilds it and fails when the
// committed file differs (`npm run bundle && git diff --exit-code -- action/dist`).
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * json-schema-diff runs in a worker thread that loads it by itself (src/diff/semantic.ts); with no
 * node_modules next to the bundle, the worker gets the package as one CommonJS module's code instead.
 */
async function jsonSchemaDiffSource() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['json-schema-diff'],
    bundle: true,
    write: false,
    outfile: 'json-schema-diff.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

export async function bundle() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['action/main.ts'],
    outfile: 'action/dist/index.js',
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Runners use Node 24; the tests run the bundle on Node 20.
    target: 'node20',
    // CommonJS dependencies call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire as __contractguardCreateRequire } from 'node:module';\nconst require = __contractguardCreateRequire(import.meta.url);",
    },
    // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its `module` is ESM.
    mainFields: ['module', 'main'],
    define: { JSON_SCHEMA_DIFF_SOURCE: JSON.stringify(await jsonSchemaDiffSource()) },
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Written to a temporary file and renamed: a test running the bundle meanwhile never reads half of it.
  const out = fileURLToPath(new URL('dist/index.js', import.meta.url));
  mkdirSync(fileURLToPath(new URL('dist/', import.meta.url)), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
