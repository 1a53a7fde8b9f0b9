/**
 * What the verify tests share: the example tree (contracts-example, or an edited copy of it), the example
 * provider on loopback with or without faults, small servers with a handler of the test's own, and a run of
 * `verifyVersion` against them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

import type { Fault } from '../../examples/provider/faults.js';
import { DEMO_TOKEN, startProvider } from '../../examples/provider/server.js';
import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import type { ContractSet } from '../../src/model/types.js';
import type { CheckId, CheckResult, VerifyReport } from '../../src/verify/report.js';
import { verifyVersion, type VerifyOptions } from '../../src/verify/verify.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_ROOT = 'contracts-example';
export const AUTH = { Authorization: `Bearer ${DEMO_TOKEN}` };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let example: Promise<ContractSet> | undefined;

/** contracts-example as loaded by the CLI (once per test file: a loaded set is read-only). */
export function exampleSet(): Promise<ContractSet> {
  example ??= loadContractSet(new FsSource(REPO), { root: EXAMPLE_ROOT });
  return example;
}

/** A copy of contracts-example (as `contracts/`) with some files replaced or edited; removed after the test. */
export async function editedExample(edits: Record<string, (text: string) => string>): Promise<ContractSet> {
  const dir = mkdtempSync(join(tmpdir(), 'contractguard-verify-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(REPO, EXAMPLE_ROOT), join(dir, 'contracts'), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, 'contracts', file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
  return loadContractSet(new FsSource(dir), { root: 'contracts' });
}

/** The example provider on loopback (stopped after the test); its base URL. */
export async function provider(faults: readonly Fault[] = []): Promise<string> {
  const running = await startProvider({ faults });
  cleanups.push(() => running.close());
  return running.url;
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Handler = (seen: Seen, res: ServerResponse) => void;

/** A server answering with `handler` (stopped after the test); its base URL and every request it saw. */
export async function server(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // Not JSON: kept as text.
      }
      const request: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, seen };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
}

/** A base URL nothing listens on (a port just closed). */
export async function closedUrl(): Promise<string> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  await new Promise<void>((resolve) => http.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** `verifyVersion` for one endpoint major of `set`. */
export async function verify(
  set: ContractSet,
  endpoint: string,
  major: number,
  opts: Partial<VerifyOptions> & { baseUrl: string },
): Promise<VerifyReport> {
  const loaded = set.endpoints.get(endpoint);
  const version = loaded?.versions.get(major);
  if (loaded === undefined || version === undefined)
    throw new Error(`${endpoint} v${major} is not in the tree`);
  return verifyVersion(set, loaded, version, { headers: AUTH, ...opts });
}

/** The results of one check. */
export function resultsOf(report: VerifyReport, check: CheckId): CheckResult[] {
  return report.results.filter((r) => r.check === check);
}

/** The only result of a check that has one. */
export function onlyResult(report: VerifyReport, check: CheckId): CheckResult {
  const results = resultsOf(report, check);
  if (results.length !== 1) throw new Error(`${check} has ${results.length} results`);
  return results[0] as CheckResult;
}
