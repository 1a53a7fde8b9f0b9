// Bundles the `contractguard` command (src/cli.ts) for a fast start: `npm run build` runs it after tsc, and
// package.json's bin is its entry, dist/cli/contractguard.cjs. Not committed: esbuild is a dev dependency and
// the bundle is rebuilt with everything else.
//
// The layout, and why (bench/cli.bench.ts measures it against a bare `node -e 0`):
//  - CommonJS, one file per lazily loaded module: every `import()` in the sources (the dispatcher's one per
//    command, a command's of a costly optional step) becomes a require() of its own bundle, loaded only when
//    reached. A command costs its own code and nothing else; CommonJS needs no ESM loader and no chain of
//    asynchronous file reads (a trivial `diff-schemas` measured 1.5× a bare node start this way, 1.7–1.8× as
//    ES modules split into chunks, 2.3–2.7× from the tsc build).
//  - The bundles sit side by side in dist/cli/ (`commands.diff-schemas.cjs` is src/commands/diff-schemas.ts),
//    so a require path is the same whichever bundle holds the code that asks.
//  - A module in several bundles is a separate copy in each: harmless for code that runs in one of them at a
//    time, but not for classes the dispatcher checks with `instanceof` (UsageError, SchemaError). Their
//    modules (KERNEL) are one shared bundle, kernel.cjs, that every other bundle requires.
//  - Dependencies are bundled too, except json-schema-diff: the semantic fallback's worker thread resolves it
//    from node_modules by itself (src/diff/semantic.ts), as it does from the tsc build.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(root, 'src');
const ENTRY = path.join(src, 'cli.ts');
/** Modules whose identity matters across bundles: one copy, in kernel.cjs. */
const KERNEL = ['commands/common.ts', 'schema/types.ts'].map((file) => path.join(src, file));
const KERNEL_MODULE = 'contractguard:kernel';

/** The bundle of a source file: src/commands/diff.ts → commands.diff (src/cli.ts → contractguard). */
function bundleName(file) {
  if (file === ENTRY) return 'contractguard';
  return path.relative(src, file).replace(/\.ts$/, '').split(path.sep).join('.');
}

/** The source file a relative import names (`./x.js` is x.ts, as tsc has it). */
function sourceOf(importer, specifier) {
  return path.resolve(path.dirname(importer), specifier).replace(/\.js$/, '.ts');
}

/** Dynamic imports and the kernel become requires of other bundles; `reached` collects the import() targets. */
function lazyBundles(reached) {
  return {
    name: 'lazy-bundles',
    setup(b) {
      b.onResolve({ filter: /^contractguard:kernel$/ }, () => ({ path: 'kernel', namespace: 'kernel' }));
      b.onLoad({ filter: /.*/, namespace: 'kernel' }, () => ({
        contents: KERNEL.map((file) => `export * from ${JSON.stringify(file)};`).join('\n'),
        resolveDir: root,
        loader: 'js',
      }));
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace !== 'file') return undefined;
        const target = sourceOf(args.importer, args.path);
        if (args.kind === 'dynamic-import') {
          reached.add(target);
          return { path: `./${bundleName(target)}.cjs`, external: true };
        }
        // Inside the kernel its modules import each other as usual.
        if (KERNEL.includes(target) && !KERNEL.includes(args.importer)) {
          return { path: './kernel.cjs', external: true };
        }
        return undefined;
      });
    },
  };
}

const options = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outExtension: { '.js': '.cjs' },
  // import() of another bundle becomes a require() (esbuild: dynamic import "not supported" by the target).
  supported: { 'dynamic-import': false },
  // import.meta.url (the entry-point check, the worker's resolution of json-schema-diff): this file's URL.
  define: { 'import.meta.url': '__contractguardFileUrl' },
  // Strict mode first, as the ES modules were: a directive after another statement would not count.
  banner: {
    js: "'use strict';\nconst __contractguardFileUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its `module` is ESM.
  mainFields: ['module', 'main'],
  external: ['json-schema-diff'],
  legalComments: 'none',
  logLevel: 'warning',
};

/** Every source file that becomes a bundle: the entry, and each import() target reachable from it. */
async function bundledFiles() {
  const files = new Set([ENTRY]);
  for (let size = 0; size !== files.size;) {
    size = files.size;
    const reached = new Set();
    await build({
      ...options,
      entryPoints: [...files].map((file) => ({ in: file, out: bundleName(file) })),
      outdir: path.join(root, 'dist', 'cli'),
      write: false,
      plugins: [lazyBundles(reached)],
    });
    for (const file of reached) files.add(file);
  }
  return files;
}

/**
 * Writes the bundles to `out` (dist/cli by default; the test of the bundle builds its own). It must lie
 * inside the repository (or an installed package), where node_modules/json-schema-diff resolves.
 */
export async function buildCli(out = path.join(root, 'dist', 'cli')) {
  // Built next to the final folder and swapped in whole: a process running the CLI meanwhile never sees a mix
  // of old and new bundles.
  const temporary = `${out}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const files = await bundledFiles();
  await build({
    ...options,
    entryPoints: [
      ...[...files].map((file) => ({ in: file, out: bundleName(file) })),
      { in: KERNEL_MODULE, out: 'kernel' },
    ],
    outdir: temporary,
    plugins: [lazyBundles(new Set())],
  });
  chmodSync(path.join(temporary, 'contractguard.cjs'), 0o755);
  mkdirSync(path.dirname(out), { recursive: true });
  const old = `${out}.${process.pid}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(out, old);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  renameSync(temporary, out);
  rmSync(old, { recursive: true, force: true });
}

// `node scripts/build-cli.mjs [OUT]`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli(process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]));
}
