import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cli as runCli, failure } from '../helpers/cli.js';

import { validatePayloadLines } from '../../src/canary/payloads.js';
import { ShadowInputError } from '../../src/canary/shadow.js';
import { compileResolved } from '../../src/consumers/validator.js';
import { FsSource } from '../../src/load/source.js';
import { loadContractSet } from '../../src/load/load.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(repo, 'contracts-example/consumers/fixtures');

let tmp = '';
const cli = (argv: string[]) => runCli(argv, tmp);

function fixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as Record<string, unknown>;
}

/** The recorded v3 traffic of the example consumers, as samples. */
function validSamples(): { request: Record<string, unknown>; response: Record<string, unknown> }[] {
  return [
    ['retool-ops-dashboard/request-resync.json', 'retool-ops-dashboard/response-resync.json'],
    ['retool-ops-dashboard/request-page.json', 'retool-ops-dashboard/response-page.json'],
    [
      'slack-customer-lookup/sync-customers.request.json',
      'slack-customer-lookup/sync-customers.response.json',
    ],
  ].map(([request, response]) => ({ request: fixture(request ?? ''), response: fixture(response ?? '') }));
}

function writeLines(name: string, lines: unknown[]): string {
  writeFileSync(
    join(tmp, name),
    `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`,
  );
  return name;
}

const V3 = ['--endpoint', 'sync-customers', '--major', '3'];

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contractguard-payloads-'));
  cpSync(join(repo, 'contracts-example'), join(tmp, 'contracts'), { recursive: true });
  const [a, b, c] = validSamples();
  writeLines('valid.jsonl', [a, '', b, c, { request: a?.request }, { response: b?.response }]);
  const wrongType = { ...b, response: { ...b?.response, dryRun: 'yes' } };
  const missing = { ...c, response: { ...c?.response } };
  delete missing.response.counts;
  writeLines('invalid.jsonl', [a, wrongType, b, missing]);
  writeLines('malformed.jsonl', [a, b, '{"request": ', c]);
  writeLines('neither.jsonl', [a, { sample: 1 }]);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('canary validate', () => {
  it('exits 0 when every sample is valid against the candidate major', async () => {
    const out = await cli(['canary', 'validate', 'valid.jsonl', ...V3]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('5 samples');
    expect(out.stdout).toContain('requests:  4 checked, 0 invalid (0% invalid)');
    expect(out.stdout).toContain('responses: 4 checked, 0 invalid (0% invalid)');
  });

  it('exits 1 on an invalid response, naming the line, the JSON path and the message', async () => {
    const out = await cli(['canary', 'validate', 'invalid.jsonl', ...V3]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('responses: 4 checked, 2 invalid (50% invalid)');
    expect(out.stdout).toContain('invalid.jsonl:2: response /dryRun: must be boolean');
    expect(out.stdout).toContain('invalid.jsonl:4: response (root): is missing required property `counts`');
  });

  it('prints the summary as JSON with --format json', async () => {
    const out = await cli(['canary', 'validate', 'invalid.jsonl', ...V3, '--format', 'json']);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual({
      samples: 4,
      requests: { checked: 4, invalid: 0, rate: 0 },
      responses: { checked: 4, invalid: 2, rate: 0.5 },
      examples: [
        { side: 'response', line: 2, path: '/dryRun', message: 'must be boolean' },
        { side: 'response', line: 4, path: '', message: 'is missing required property `counts`' },
      ],
    });
  });

  it('limits the examples per side with --max-examples', async () => {
    const out = await cli([
      'canary',
      'validate',
      'invalid.jsonl',
      ...V3,
      '--format',
      'json',
      '--max-examples',
      '1',
    ]);
    expect(out.code).toBe(1);
    const summary = JSON.parse(out.stdout) as {
      examples: { line: number }[];
      responses: { invalid: number };
    };
    expect(summary.responses.invalid).toBe(2);
    expect(summary.examples.map((e) => e.line)).toEqual([2]);
  });

  it('exits 2 on a malformed line, naming its number', async () => {
    expect(failure(await cli(['canary', 'validate', 'malformed.jsonl', ...V3]))).toMatch(
      /^malformed\.jsonl:3: not valid JSON/,
    );
    expect(failure(await cli(['canary', 'validate', 'neither.jsonl', ...V3]))).toContain(
      'neither.jsonl:2: has neither "request" nor "response"',
    );
  });

  it('exits 2 on an unknown major or endpoint, a missing file or missing flags', async () => {
    expect(
      failure(
        await cli(['canary', 'validate', 'valid.jsonl', '--endpoint', 'sync-customers', '--major', '9']),
      ),
    ).toContain('sync-customers has no major 9 (it has v2, v3)');
    expect(
      failure(await cli(['canary', 'validate', 'valid.jsonl', '--endpoint', 'nope', '--major', '1'])),
    ).toContain('no endpoint nope under contracts');
    expect(failure(await cli(['canary', 'validate', 'absent.jsonl', ...V3]))).toContain(
      'SAMPLES: no such file absent.jsonl',
    );
    expect(
      failure(await cli(['canary', 'validate', 'valid.jsonl', '--endpoint', 'sync-customers'])),
    ).toContain('needs --major');
    expect(failure(await cli(['canary', 'validate', 'valid.jsonl', ...V3, '--max-examples', 'x']))).toContain(
      '--max-examples must be a whole number',
    );
  });
});

describe('validatePayloadLines', () => {
  it('validates a stream and reports rates; null when a side was never checked', async () => {
    const set = await loadContractSet(new FsSource(tmp), { root: 'contracts' });
    const version = set.endpoints.get('sync-customers')?.versions.get(3);
    if (version === undefined) throw new Error('sync-customers v3 did not load');
    const validators = { request: compileResolved(version.input), response: compileResolved(version.output) };
    const [a] = validSamples();
    async function* lines(): AsyncGenerator<string> {
      yield JSON.stringify({ request: a?.request });
      yield JSON.stringify({ request: { ...a?.request, pageSize: 'ten' } });
    }
    const summary = await validatePayloadLines(lines(), validators);
    expect(summary.samples).toBe(2);
    expect(summary.requests).toEqual({ checked: 2, invalid: 1, rate: 0.5 });
    expect(summary.responses).toEqual({ checked: 0, invalid: 0, rate: null });
    expect(summary.examples[0]).toMatchObject({ side: 'request', line: 2, path: '/pageSize' });

    async function* bad(): AsyncGenerator<string> {
      yield '[1]';
    }
    await expect(validatePayloadLines(bad(), validators)).rejects.toBeInstanceOf(ShadowInputError);
  });
});
