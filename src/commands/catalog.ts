/** `contractguard catalog`: the contract tree as a static site (index, a page per endpoint, timeline, history). */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';

import { buildCatalog } from '../catalog/build.js';
import { readHistory } from '../catalog/history.js';
import type { Catalog, CatalogSource } from '../catalog/types.js';
import { GitSource } from '../load/git.js';
import { loadContractSet } from '../load/load.js';
import { FsSource } from '../load/source.js';
import { CATALOG_GENERATOR, renderCatalogSite } from '../report/catalog/site.js';
import { plural } from '../report/catalog/words.js';
import {
  type CliIo,
  type Command,
  existingDirectory,
  helpHint,
  noArguments,
  oneLine,
  parseOptions,
  repoDir,
  showedHelp,
  UsageError,
} from './common.js';
import { asUsageError, contractRoot } from './tree-input.js';

const NAME = 'catalog';

const USAGE = `Usage: contractguard catalog --out DIR [options]

Write the contract tree as a static site: an index of every endpoint (owner,
live majors, aliases, consumers, next deadline), a page per endpoint with each
major's contract as field tables, a timeline of deprecations and removals, and
each endpoint's history from git. The site requests nothing from any other
host and works from file:// and GitHub Pages.

Options:
  --out DIR         the folder to write: created when missing; a folder that
                    holds an earlier catalog is replaced, any other non-empty
                    folder is refused
  --root DIR        contract root inside the repository (default: contracts)
  --repo DIR        the repository (default: the current directory)
  --ref REF         the tree (and history) at a git ref instead of the working tree
  --now DATE        count days left from this day (YYYY-MM-DD or an ISO 8601
                    date-time; default: today)
  -h, --help        show this help

Exit codes:
  0  the site was written (problems in the tree are listed on its front page)
  2  bad usage, a repository, ref or root that cannot be read, or an --out
     folder that cannot be written
`;

export const catalogCommand: Command = {
  name: NAME,
  summary: 'Write a static site of every endpoint, version, alias, consumer and deadline.',
  usage: USAGE,
  run: runCatalog,
};

async function runCatalog(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      out: { type: 'string' },
      root: { type: 'string' },
      repo: { type: 'string' },
      ref: { type: 'string' },
      now: { type: 'string' },
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  noArguments(positionals, NAME);
  if (values.out === undefined || values.out === '') {
    throw new UsageError(`catalog needs --out DIR, the folder to write the site to; ${helpHint(NAME)}`);
  }
  const written = await writeCatalog({
    repo: repoDir(values.repo, io.cwd),
    root: contractRoot(values.root),
    ...(values.ref === undefined ? {} : { ref: values.ref }),
    out: resolvePath(io.cwd, values.out),
    outTyped: values.out,
    now: parseNow(values.now),
  });
  io.stdout(`${join(values.out, 'index.html')}: ${written.summary}\n`);
  return 0;
}

export interface CatalogRequest {
  /** The repository (absolute). */
  repo: string;
  /** The contract root inside it (as `contractRoot` gives it). */
  root: string;
  /** Read the tree and its history at this ref instead of the working tree. */
  ref?: string;
  /** The folder to write (absolute), and as the user typed it, for messages. */
  out: string;
  outTyped: string;
  now: Date;
}

export interface CatalogWritten {
  catalog: Catalog;
  /** `3 endpoints, 4 live majors, 4 consumers` and what is missing (history, files that did not load). */
  summary: string;
}

/**
 * Loads the tree (and its history), builds the catalog, writes the site: the CLI command and the Action's
 * `mode: catalog` both run this. Input that cannot be used is a `UsageError` saying why, in one line.
 */
export async function writeCatalog(req: CatalogRequest): Promise<CatalogWritten> {
  const { repo, root, ref } = req;
  const { set, source, history } = await asUsageError(async () => {
    if (ref === undefined) {
      existingDirectory(resolvePath(repo, root), '--root', root);
      const set = await loadContractSet(new FsSource(repo), { root });
      const history = await readHistory({ repoDir: repo, root });
      return { set, history, source: { kind: 'working-tree' } as CatalogSource };
    }
    const git = new GitSource(repo, ref);
    try {
      const commit = await git.commit();
      const set = await loadContractSet(git, { root });
      const history = await readHistory({ repoDir: repo, root, ref: commit });
      return { set, history, source: { kind: 'git', ref, commit } as CatalogSource };
    } finally {
      await git.close();
    }
  });
  if (set.endpoints.size === 0 && set.consumers.length === 0 && set.problems.length === 0) {
    const where = ref === undefined ? 'in the working tree' : `at ${ref}`;
    throw new UsageError(
      `--root ${root}: no contract tree there ${where} (no endpoint.yaml or consumer file)`,
    );
  }

  const catalog = buildCatalog(set, { now: req.now, source, ...(history === undefined ? {} : { history }) });
  writeSite(req.out, req.outTyped, renderCatalogSite(catalog));

  const live = catalog.endpoints.reduce((n, e) => n + e.liveMajors.length, 0);
  const found = [
    plural(catalog.endpoints.length, 'endpoint'),
    plural(live, 'live major'),
    plural(catalog.consumers.length, 'consumer'),
  ];
  if (history === undefined) found.push('no git history (not a git repository, or a shallow clone)');
  if (catalog.problems.length > 0) {
    found.push(
      `${plural(catalog.problems.length, 'problem')} in the tree, listed on the front page (see contractguard check)`,
    );
  }
  return { catalog, summary: found.join(', ') };
}

function parseNow(typed: string | undefined): Date {
  if (typed === undefined) return new Date();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(typed) ? new Date(`${typed}T00:00:00Z`) : new Date(typed);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--now must be a date (2026-12-06) or an ISO 8601 date-time, not ${JSON.stringify(typed)}`,
    );
  }
  return date;
}

/**
 * Writes the site into `out`. An existing folder must be empty or hold an earlier catalog (its index.html
 * says so), whose pages are removed first so that a deleted endpoint's page does not linger; nothing else
 * in the folder is touched.
 */
function writeSite(out: string, typed: string, files: Map<string, string>): void {
  const stat = statSync(out, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) throw new UsageError(`--out: ${typed} is not a folder`);
  try {
    if (stat !== undefined && readdirSync(out).length > 0) {
      if (!holdsCatalog(out)) {
        throw new UsageError(
          `--out: ${typed} is not empty and holds no catalog; give a new or empty folder (nothing was written)`,
        );
      }
      rmSync(join(out, 'endpoints'), { recursive: true, force: true });
    }
    for (const [path, text] of files) {
      const file = join(out, ...path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--out: cannot write the site to ${typed}: ${oneLine((error as Error).message)}`);
  }
}

function holdsCatalog(out: string): boolean {
  try {
    return readFileSync(join(out, 'index.html'), 'utf8').slice(0, 4096).includes(CATALOG_GENERATOR);
  } catch {
    return false;
  }
}
