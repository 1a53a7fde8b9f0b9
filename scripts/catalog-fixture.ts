/**
 * What the catalog's browser tests and its screenshot share: the example tree in a git repository with a
 * made-up but plausible history (so the pages have history, a removal and a deadline to show), a fixed
 * "today", and how Debian's Chromium is started (headless, nothing downloaded, no background traffic).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The day the example catalog is built on: sync-customers v2's deadline (2027-03-31) is 115 days away. */
export const EXAMPLE_TODAY = '2026-12-06';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** The repository, from this file in the sources (`scripts/`) or compiled (`dist/scripts/`). */
export function repositoryRoot(): string {
  for (const up of ['..', '../..']) {
    const dir = fileURLToPath(new URL(`${up}/`, import.meta.url));
    try {
      readFileSync(join(dir, 'contracts-example', 'contractguard.yaml'));
      return dir;
    } catch {
      // not this one
    }
  }
  throw new Error('contracts-example/ not found above scripts/');
}

interface Step {
  date: string;
  message: string;
  apply(contracts: string, example: string): void;
}

function edit(file: string, change: (text: string) => string): void {
  const text = readFileSync(file, 'utf8');
  const next = change(text);
  if (next === text) throw new Error(`example history: nothing changed in ${file}`);
  writeFileSync(file, next);
}

const setVersion = (file: string, version: string) =>
  edit(file, (t) => t.replace(/^version: \S+/m, `version: ${version}`));

/**
 * The history, oldest first. The first commit holds an older state of every file (and a v1 of sync-customers,
 * deprecated, removed later); the last leaves `contracts/` exactly as contracts-example/.
 */
const STEPS: Step[] = [
  {
    date: '2026-01-12T10:00:00Z',
    message: 'Contracts for the CRM sync, the event enricher and the order export',
    apply(contracts, example) {
      cpSync(example, contracts, { recursive: true });
      rmSync(join(contracts, 'sync-customers', 'v3'), { recursive: true });
      cpSync(join(contracts, 'sync-customers', 'v2'), join(contracts, 'sync-customers', 'v1'), {
        recursive: true,
      });
      edit(join(contracts, 'sync-customers', 'v1', 'contract.yaml'), (t) =>
        t
          .replace(/^version: \S+/m, 'version: 1.6.2')
          .replace(/^deprecation: .*$/m, 'deprecation: { date: 2026-06-30, replacement: 2 }'),
      );
      const v2 = join(contracts, 'sync-customers', 'v2', 'contract.yaml');
      setVersion(v2, '2.3.0');
      edit(v2, (t) => t.replace('status: deprecated', 'status: active').replace(/^deprecation: .*\n/m, ''));
      edit(join(contracts, 'sync-customers', 'endpoint.yaml'), (t) =>
        t.replace(/^aliases: .*$/m, 'aliases: { prod: 2, staging: 2, latest: 2 }'),
      );
      for (const name of ['retool-ops-dashboard', 'slack-customer-lookup']) {
        edit(join(contracts, 'consumers', `${name}.yaml`), (t) =>
          t.replace('endpoint: sync-customers\n    version: 3', 'endpoint: sync-customers\n    version: 2'),
        );
      }
      setVersion(join(contracts, 'enrich-events', 'v1', 'contract.yaml'), '1.2.0');
      setVersion(join(contracts, 'export-orders', 'v1', 'contract.yaml'), '1.0.0');
    },
  },
  {
    date: '2026-04-21T15:30:00Z',
    message: 'sync-customers v2: retry the CRM with backoff',
    apply(contracts) {
      setVersion(join(contracts, 'sync-customers', 'v2', 'contract.yaml'), '2.4.1');
    },
  },
  {
    date: '2026-07-15T09:10:00Z',
    message: 'Remove sync-customers v1 after its deadline',
    apply(contracts) {
      rmSync(join(contracts, 'sync-customers', 'v1'), { recursive: true });
    },
  },
  {
    date: '2026-08-20T13:45:00Z',
    message: 'sync-customers v3: customer lists and cursor pagination; deprecate v2',
    apply(contracts, example) {
      cpSync(join(example, 'sync-customers', 'v3'), join(contracts, 'sync-customers', 'v3'), {
        recursive: true,
      });
      setVersion(join(contracts, 'sync-customers', 'v3', 'contract.yaml'), '3.0.0');
      cpSync(join(example, 'sync-customers', 'v2'), join(contracts, 'sync-customers', 'v2'), {
        recursive: true,
      });
      cpSync(
        join(example, 'sync-customers', 'endpoint.yaml'),
        join(contracts, 'sync-customers', 'endpoint.yaml'),
      );
      cpSync(join(example, 'consumers'), join(contracts, 'consumers'), { recursive: true });
    },
  },
  {
    date: '2026-10-05T08:20:00Z',
    message: 'export-orders: filter by status; sync-customers v3: dry runs',
    apply(contracts, example) {
      cpSync(join(example, 'export-orders'), join(contracts, 'export-orders'), { recursive: true });
      setVersion(join(contracts, 'sync-customers', 'v3', 'contract.yaml'), '3.1.0');
    },
  },
  {
    date: '2026-11-18T16:05:00Z',
    message: 'sync-customers v3: lifetime value and tags; enrich-events: geo regions',
    apply(contracts, example) {
      cpSync(example, contracts, { recursive: true });
    },
  },
];

/** Makes `dir` a git repository whose `contracts/` is the example tree, with the history above. */
export function exampleRepository(dir: string): void {
  const example = join(repositoryRoot(), 'contracts-example');
  const contracts = join(dir, 'contracts');
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ada Example',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada Example',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        ...(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
      },
    });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'commit.gpgsign', 'false']);
  for (const step of STEPS) {
    step.apply(contracts, example);
    git(['add', '-A']);
    git(['commit', '-q', '-m', step.message], step.date);
  }
}
