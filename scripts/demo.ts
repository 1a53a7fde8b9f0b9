/**
 * `npm run demo`: contractguard on the bundled example tree, the way a PR check sees it. A temporary git
 * repository gets `contracts-example/` as `contracts/`, then three PRs branch off it:
 *   (a) an additive change with a minor bump        → pass
 *   (b) a breaking change inside the existing v3    → fail
 *   (c) the same change as a new major v4           → pass
 * and `contractguard diff --base main --head <branch>` prints each report.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

import { run } from '../src/cli.js';

const example = fileURLToPath(new URL('../../contracts-example', import.meta.url));
const ENDPOINT = 'sync-customers';

type Json = Record<string, unknown>;

function git(repo: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
}

function editJson(file: string, edit: (schema: Json) => void): void {
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(schema);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
}

function editYaml(file: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(file, doc.toString());
}

/** The object schema a document describes: its root, or the `$defs` entry its root `$ref` points at. */
function objectSchema(schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
    return (schema.$defs as Record<string, Json>)[ref.slice('#/$defs/'.length)] as Json;
  }
  return schema;
}

/** The example PR change: a new required request field. Breaking for every existing caller. */
function requireTenant(versionDir: string): void {
  editJson(join(versionDir, 'input.schema.json'), (schema) => {
    const target = objectSchema(schema);
    target.properties = { ...(target.properties as Json), tenantId: { type: 'string', minLength: 1 } };
    target.required = [...((target.required as string[] | undefined) ?? []), 'tenantId'];
  });
}

async function report(repo: string, branch: string, title: string): Promise<number> {
  console.log(`\n${'='.repeat(100)}\n${title}\n$ contractguard diff --base main --head ${branch}\n`);
  const code = await run(['diff', '--base', 'main', '--head', branch], {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: repo,
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  });
  console.log(`\n(exit code ${code}: ${code === 0 ? 'the PR check passes' : 'the PR check fails'})`);
  return code;
}

async function main(): Promise<void> {
  const repo = mkdtempSync(join(tmpdir(), 'contractguard-demo-'));
  try {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'demo@example.com');
    git(repo, 'config', 'user.name', 'contractguard demo');
    cpSync(example, join(repo, 'contracts'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'contracts');
    const v3 = join(repo, 'contracts', ENDPOINT, 'v3');

    // (a) additive: a new optional response field, and the minor bump it needs.
    git(repo, 'checkout', '-qb', 'pr-additive', 'main');
    editJson(join(v3, 'output.schema.json'), (schema) => {
      const target = objectSchema(schema);
      target.properties = { ...(target.properties as Json), segment: { type: 'string' } };
    });
    editYaml(join(v3, 'contract.yaml'), (doc) => {
      const [major, minor] = String(doc.get('version')).split('.').map(Number);
      doc.set('version', `${major}.${(minor ?? 0) + 1}.0`);
    });
    git(repo, 'commit', '-qam', 'sync-customers v3: add optional segment to the response');

    // (b) breaking inside v3: a new required request field.
    git(repo, 'checkout', '-qb', 'pr-breaking', 'main');
    requireTenant(v3);
    git(repo, 'commit', '-qam', 'sync-customers v3: require tenantId');

    // (c) the same change, as a new major.
    git(repo, 'checkout', '-qb', 'pr-new-major', 'main');
    const scaffold = await run(['new-version', ENDPOINT, '--root', 'contracts'], {
      stdout: () => undefined,
      stderr: (s) => process.stderr.write(s),
      cwd: repo,
    });
    if (scaffold !== 0) throw new Error('new-version failed');
    requireTenant(join(repo, 'contracts', ENDPOINT, 'v4'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'sync-customers v4: require tenantId');

    const codes = [
      await report(repo, 'pr-additive', '(a) an additive change with a minor bump'),
      await report(repo, 'pr-breaking', '(b) a breaking change inside the existing major v3'),
      await report(repo, 'pr-new-major', '(c) the same change as a new major v4 (contractguard new-version)'),
    ];
    const expected = [0, 1, 0];
    console.log(
      `\n${'='.repeat(100)}\nexit codes ${codes.join(', ')} (expected ${expected.join(', ')}: pass, fail, pass)`,
    );
    if (codes.some((c, i) => c !== expected[i])) process.exitCode = 1;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
