/**
 * The example catalog for the browser tests: the example tree in a git repository with history, built by the
 * real CLI as a child process (src/cli.ts bundled with esbuild, its packages loaded from node_modules), and a
 * headless Chromium that records what each page logs and requests.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';

import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  EXAMPLE_TODAY,
  exampleRepository,
} from '../../scripts/catalog-fixture.js';
import type { Outcome } from '../helpers/cli.js';
import { bundleCli, runCli } from '../helpers/cli-process.js';

export type CatalogRun = Outcome;

export interface BuiltCatalog {
  work: string;
  /** The site folder. */
  site: string;
  /** file:// URL of the site folder, with a trailing slash. */
  base: string;
  run: CatalogRun;
  cleanup(): void;
}

/** `contractguard catalog` on the example repository, as a process. */
export async function buildExampleCatalog(extra: string[] = []): Promise<BuiltCatalog> {
  // Bundled where its packages resolve (node_modules/.cache), shared with other tests of this process.
  const cli = await bundleCli();
  const work = mkdtempSync(join(tmpdir(), 'contractguard-catalog-e2e-'));
  const repo = join(work, 'repo');
  mkdirSync(repo);
  exampleRepository(repo);
  const site = join(work, 'site');
  const args = ['catalog', '--root', 'contracts', '--out', site, '--now', EXAMPLE_TODAY, ...extra];
  const run = await runCli(cli, args, repo);
  return {
    work,
    site,
    base: pathToFileURL(`${site}/`).href,
    run,
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** What a page did: console errors, uncaught exceptions, every URL it requested. */
export interface Recording {
  errors: string[];
  requests: string[];
}

export function record(page: Page): Recording {
  const recording: Recording = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      recording.errors.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => recording.errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => recording.requests.push(request.url()));
  return recording;
}
