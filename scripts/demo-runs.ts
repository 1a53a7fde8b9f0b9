/**
 * The demo's three PRs on the bundled example tree, run the way a PR check runs them. A temporary git
 * repository gets `contracts-example/` as `contracts/`, then three PRs branch off it:
 *   (a) an additive change with a minor bump        → pass
 *   (b) a breaking change inside the existing v3    → fail
 *   (c) the same change as a new major v4           → pass
 * and `contractguard diff --base main --head <branch>` reports on each. `npm run demo` prints them
 * (scripts/demo.ts), then (d) a Windmill PR on examples/windmill (`runWindmillDemo`) → fail; the README
 * shows (b) as generated from here (`npm run demo -- --readme`, kept in step by
 * test/readme.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

import { run } from '../src/cli.js';

/** The example tree, from scripts/ (tests) or dist/scripts/ (the build). */
const example = fileURLToPath(
  new URL(
    import.meta.url.includes('/dist/scripts/') ? '../../contracts-example' : '../contracts-example',
    import.meta.url,
  ),
);
const ENDPOINT = 'sync-customers';
/** The example Windmill workspace (`wmill sync pull` layout, with its contracts), likewise. */
const windmillExample = fileURLToPath(
  new URL(
    import.meta.url.includes('/dist/scripts/') ? '../../examples/windmill' : '../examples/windmill',
    import.meta.url,
  ),
);

export type Json = Record<string, unknown>;

export function git(repo: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function editJson(file: string, edit: (schema: Json) => void): void {
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
export function requireTenant(versionDir: string): void {
  editJson(join(versionDir, 'input.schema.json'), (schema) => {
    const target = objectSchema(schema);
    target.properties = { ...(target.properties as Json), tenantId: { type: 'string', minLength: 1 } };
    target.required = [...((target.required as string[] | undefined) ?? []), 'tenantId'];
  });
}

/** One PR of the demo: what it shows, the command's output and its exit code. */
export interface DemoRun {
  branch: string;
  title: string;
  output: string;
  code: number;
}

export const EXPECTED_CODES = [0, 1, 0];

async function report(repo: string, branch: string, title: string, color: boolean): Promise<DemoRun> {
  let output = '';
  const code = await run(['diff', '--base', 'main', '--head', branch], {
    stdout: (s) => (output += s),
    stderr: (s) => (output += s),
    cwd: repo,
    color,
  });
  return { branch, title, output, code };
}

/** `$ contractguard diff …`, the report and what its exit code means: a run as a terminal shows it. */
export function transcript(r: DemoRun): string {
  return (
    `${r.title}\n$ contractguard diff --base main --head ${r.branch}\n\n${r.output.trimEnd()}\n\n` +
    `(exit code ${r.code}: ${r.code === 0 ? 'the PR check passes' : 'the PR check fails'})\n`
  );
}

/** Runs the three PRs in a temporary repository (removed afterwards). */
export async function runDemo(opts: { color?: boolean } = {}): Promise<DemoRun[]> {
  const color = opts.color ?? false;
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

    return [
      await report(repo, 'pr-additive', '(a) an additive change with a minor bump', color),
      await report(repo, 'pr-breaking', '(b) a breaking change inside the existing major v3', color),
      await report(
        repo,
        'pr-new-major',
        '(c) the same change as a new major v4 (contractguard new-version)',
        color,
      ),
    ];
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/** The Windmill run's exit code: a script change that breaks its callers fails. */
export const WINDMILL_EXPECTED_CODE = 1;

/**
 * The Windmill PR on examples/windmill: the script f/crm/sync_customers gains a required argument `region`.
 * No contract file is touched (the contract reads the script's `schema`); the report fails it as breaking and
 * names the flow and the schedule that call the script without `region`.
 */
export async function runWindmillDemo(opts: { color?: boolean } = {}): Promise<DemoRun> {
  const repo = mkdtempSync(join(tmpdir(), 'contractguard-demo-windmill-'));
  try {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'demo@example.com');
    git(repo, 'config', 'user.name', 'contractguard demo');
    cpSync(windmillExample, repo, { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'windmill workspace and contracts');

    git(repo, 'checkout', '-qb', 'pr-windmill-region', 'main');
    editYaml(join(repo, 'f', 'crm', 'sync_customers.script.yaml'), (doc) => {
      doc.setIn(['schema', 'properties', 'region'], doc.createNode({ type: 'string' }));
      doc.addIn(['schema', 'required'], 'region');
    });
    git(repo, 'commit', '-qam', 'f/crm/sync_customers: require region');
    return await report(
      repo,
      'pr-windmill-region',
      '(d) Windmill: a required argument added to the script f/crm/sync_customers',
      opts.color ?? false,
    );
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/** The README's demo block lies between these lines; `npm run demo -- --readme` rewrites what is between. */
export const README_DEMO_START = '<!-- demo output: generated by `npm run demo -- --readme`, do not edit -->';
export const README_DEMO_END = '<!-- end of demo output -->';

/** The demo's failing PR (b) as the README shows it, in a fenced block, without colour. */
export function readmeDemoBlock(runs: readonly DemoRun[]): string {
  const breaking = runs.find((r) => r.branch === 'pr-breaking');
  if (breaking === undefined) throw new Error('the demo has no pr-breaking run');
  return `\`\`\`\n${transcript(breaking)}\`\`\``;
}

/** `readme` with its demo block replaced by `block`; throws when the markers are missing. */
export function readmeWithDemo(readme: string, block: string): string {
  const start = readme.indexOf(README_DEMO_START);
  const end = readme.indexOf(README_DEMO_END);
  if (start < 0 || end < start) {
    throw new Error(
      `README.md needs the lines ${README_DEMO_START} and ${README_DEMO_END} around the demo output`,
    );
  }
  // Blank lines around the block, as Prettier formats Markdown.
  return `${readme.slice(0, start + README_DEMO_START.length)}\n\n${block}\n\n${readme.slice(end)}`;
}
