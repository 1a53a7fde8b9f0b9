/**
 * `npm run catalog:screenshot`: builds the example tree's catalog (in a temporary git repository with the
 * example history, on a fixed day) and photographs it in Debian's Chromium: docs/catalog.png is the front page
 * on a desktop, shown in the README. The front page on a phone and an endpoint page on both are written to a
 * temporary folder for review; the script prints where.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { run } from '../src/cli.js';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  EXAMPLE_TODAY,
  exampleRepository,
  repositoryRoot,
} from './catalog-fixture.js';

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'contractguard-catalog-shot-'));
  const repo = join(work, 'repo');
  mkdirSync(repo);
  exampleRepository(repo);
  let stderr = '';
  const code = await run(
    ['catalog', '--root', 'contracts', '--out', join(work, 'site'), '--now', EXAMPLE_TODAY],
    {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      cwd: repo,
    },
  );
  if (code !== 0) throw new Error(`contractguard catalog failed (exit ${code}): ${stderr}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const index = pathToFileURL(join(work, 'site', 'index.html')).href;
    const endpoint = pathToFileURL(join(work, 'site', 'endpoints', 'sync-customers.html')).href;
    const shots: { url: string; file: string; width: number; height: number; full?: boolean }[] = [
      { url: index, file: join(repositoryRoot(), 'docs', 'catalog.png'), width: 1280, height: 1010 },
      { url: index, file: join(work, 'index-phone.png'), width: 390, height: 844, full: true },
      { url: endpoint, file: join(work, 'endpoint-desktop.png'), width: 1280, height: 900, full: true },
      { url: endpoint, file: join(work, 'endpoint-phone.png'), width: 390, height: 844 },
    ];
    for (const shot of shots) {
      const page = await browser.newPage({
        viewport: { width: shot.width, height: shot.height },
        colorScheme: 'light',
      });
      await page.goto(shot.url);
      await page.screenshot({ path: shot.file, fullPage: shot.full === true });
      await page.close();
      process.stdout.write(`${shot.file}\n`);
    }
  } finally {
    await browser.close();
  }
}

await main();
