import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { run } from '../src/cli.js';
import { cli as runCli, failure, type Outcome } from './helpers/cli.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

const cli = (argv: string[], cwd = repo): Promise<Outcome> => runCli(argv, cwd);

const OUTPUT_PAIR = ['examples/schemas/order-v1.json', 'examples/schemas/order-v1-changed.json'];
const INPUT_PAIR = ['examples/schemas/sync-request-v1.json', 'examples/schemas/sync-request-v1-changed.json'];

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contractguard-cli-'));
  writeFileSync(join(tmp, 'good.json'), '{ "type": "object" }\n');
  writeFileSync(join(tmp, 'bad.json'), '{\n  "type": "object",\n  "properties": {,\n}\n');
  mkdirSync(join(tmp, 'dir.json'));
  mkdirSync(join(tmp, 'sub'));
  writeFileSync(join(tmp, 'sub', 'bad.json'), '{\n  "type": "object",\n  "properties": {,\n}\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('contractguard usage', () => {
  it('prints the commands for --help', async () => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: contractguard <command> [options]');
    for (const command of 'diff check new-version init diff-schemas canary shadow-diff catalog'.split(' '))
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\s`, 'm'));
    // Commands of later issues are not listed as if they worked.
    expect(stdout).not.toMatch(/^\s+promote\b/m);
  });

  it('prints the options of diff-schemas for diff-schemas --help, whatever else is given', async () => {
    const { code, stdout } = await cli(['diff-schemas', '--format', 'nope', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: contractguard diff-schemas --direction input|output [options] OLD NEW');
    for (const flag of ['--direction', '--semantics', '--format', '--root']) expect(stdout).toContain(flag);
  });

  it('asks for a command when there is none', async () => {
    expect(failure(await cli([]))).toMatch(
      /missing command; the known commands are diff, check, new-version/,
    );
  });

  it('names the known commands for an unknown one', async () => {
    const line = failure(await cli(['promote']));
    expect(line).toBe(
      'contractguard: unknown command "promote"; the known commands are diff, check, new-version, init, ' +
        'add-endpoint, diff-schemas, diff-openapi, canary, shadow-diff, catalog, verify (see "contractguard --help")',
    );
  });

  it('spots flags given before any command', async () => {
    expect(failure(await cli(['--direction', 'input']))).toMatch(
      /^contractguard: missing command before --direction/,
    );
  });

  it('loads each command by the name it answers to (the dispatcher imports a command only when it runs)', async () => {
    const known = /the known commands are (.*) \(see/.exec(failure(await cli([]))) ?? [];
    const names = (known[1] ?? '').split(', ');
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const { code, stdout } = await cli([name, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: contractguard ${name} `));
    }
  });
});

describe('diff-schemas usage errors', () => {
  it('requires --direction and says what each value means', async () => {
    expect(failure(await cli(['diff-schemas', ...OUTPUT_PAIR]))).toBe(
      '--direction is required: input (requests the endpoint accepts) or output (responses it returns); ' +
        'see "contractguard diff-schemas --help"',
    );
  });

  it('rejects a bad --direction, --semantics or --format value', async () => {
    expect(failure(await cli(['diff-schemas', '--direction', 'request', ...OUTPUT_PAIR]))).toMatch(
      /^--direction must be input \(requests the endpoint accepts\) or output \(responses it returns\), not "request"/,
    );
    expect(
      failure(await cli(['diff-schemas', '--direction', 'input', '--semantics', 'loose', ...OUTPUT_PAIR])),
    ).toMatch(/^--semantics must be pragmatic or strict, not "loose"/);
    expect(
      failure(await cli(['diff-schemas', '--direction', 'input', '--format', 'html', ...OUTPUT_PAIR])),
    ).toMatch(/^--format must be text, json or markdown, not "html"/);
  });

  it('reports unknown options and options missing their value on one line', async () => {
    expect(failure(await cli(['diff-schemas', '--direction', 'input', '--strict', ...OUTPUT_PAIR]))).toBe(
      'unknown option --strict; see "contractguard diff-schemas --help"',
    );
    expect(failure(await cli(['diff-schemas', ...OUTPUT_PAIR, '--direction']))).toBe(
      '--direction needs a value; see "contractguard diff-schemas --help"',
    );
  });

  it('needs exactly two files', async () => {
    expect(failure(await cli(['diff-schemas', '--direction', 'input', 'only.json']))).toBe(
      'diff-schemas needs two schema files, OLD and NEW, but got 1; ' +
        'usage: contractguard diff-schemas --direction input|output [options] OLD NEW',
    );
  });
});

describe('diff-schemas bad input', () => {
  it('names a missing file as typed, and which side it is', async () => {
    expect(failure(await cli(['diff-schemas', '--direction', 'output', 'old.json', 'good.json'], tmp))).toBe(
      'OLD: no such file old.json',
    );
    expect(
      failure(await cli(['diff-schemas', '--direction', 'output', 'good.json', 'sub/new.json'], tmp)),
    ).toBe('NEW: no such file sub/new.json');
  });

  it('refuses a directory', async () => {
    expect(failure(await cli(['diff-schemas', '--direction', 'output', 'dir.json', 'good.json'], tmp))).toBe(
      'OLD: dir.json is a directory, not a schema file',
    );
  });

  it('refuses a --root that is not a directory', async () => {
    expect(
      failure(
        await cli(
          ['diff-schemas', '--direction', 'output', '--root', 'nowhere', 'good.json', 'good.json'],
          tmp,
        ),
      ),
    ).toBe('--root: no such directory nowhere');
  });

  it('refuses a file outside --root', async () => {
    expect(
      failure(
        await cli(
          ['diff-schemas', '--direction', 'output', '--root', 'sub', 'good.json', 'sub/bad.json'],
          tmp,
        ),
      ),
    ).toBe('OLD: good.json is outside --root sub');
  });

  it('names the file and line of malformed JSON', async () => {
    const line = failure(await cli(['diff-schemas', '--direction', 'output', 'good.json', 'bad.json'], tmp));
    expect(line).toMatch(/^bad\.json:3: /);
  });

  it('names a malformed file by its path from the working directory, not just its base name', async () => {
    const line = failure(
      await cli(['diff-schemas', '--direction', 'output', 'good.json', 'sub/bad.json'], tmp),
    );
    expect(line).toMatch(/^sub\/bad\.json:3: /);
  });

  it('turns an unexpected failure into one line without a stack trace', async () => {
    const debug = process.env.CONTRACTGUARD_DEBUG;
    delete process.env.CONTRACTGUARD_DEBUG;
    try {
      let stderr = '';
      const code = await run(['--help'], {
        stdout: () => {
          throw new Error('stdout is closed\n    at somewhere (x.js:1:1)');
        },
        stderr: (s) => (stderr += s),
        cwd: repo,
      });
      expect(code).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(
        /^contractguard: internal error: stdout is closed at somewhere \(x\.js:1:1\) \(set CONTRACTGUARD_DEBUG=1/,
      );
    } finally {
      if (debug !== undefined) process.env.CONTRACTGUARD_DEBUG = debug;
    }
  });
});

describe('diff-schemas on the examples', () => {
  it('prints the public JSON shape', async () => {
    const { code, stdout, stderr } = await cli([
      'diff-schemas',
      '--direction',
      'output',
      '--format',
      'json',
      ...OUTPUT_PAIR,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const report = JSON.parse(stdout) as { verdict: string; changes: Record<string, unknown>[] };
    expect(Object.keys(report)).toEqual(['verdict', 'changes']);
    expect(['breaking', 'dangerous', 'additive', 'none']).toContain(report.verdict);
    expect(report.changes.length).toBeGreaterThan(0);
    for (const change of report.changes) {
      const keys = Object.keys(change);
      expect(keys.slice(0, 4)).toEqual(['rule', 'severity', 'path', 'message']);
      // Then, when present and in this order: where the node is written, an instance proving a break.
      expect(['origin', 'counterexample'].filter((k) => keys.includes(k))).toEqual(keys.slice(4));
      for (const key of ['rule', 'severity', 'path', 'message']) expect(typeof change[key]).toBe('string');
    }
  });

  it('classifies the output pair as breaking because of the new enum value', async () => {
    const { code, stdout } = await cli([
      'diff-schemas',
      '--direction',
      'output',
      '--format',
      'json',
      ...OUTPUT_PAIR,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      verdict: string;
      changes: { rule: string; severity: string; path: string }[];
    };
    expect(report.verdict).toBe('breaking');
    expect(report.changes).toContainEqual(
      expect.objectContaining({ severity: 'breaking', path: expect.stringMatching(/\/properties\/status/) }),
    );
  });

  it('classifies the input pair as breaking because of the new required field', async () => {
    const { code, stdout } = await cli([
      'diff-schemas',
      '--direction',
      'input',
      '--format',
      'json',
      ...INPUT_PAIR,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      verdict: string;
      changes: { severity: string; message: string }[];
    };
    expect(report.verdict).toBe('breaking');
    expect(report.changes.some((c) => c.severity === 'breaking' && c.message.includes('tenantId'))).toBe(
      true,
    );
  });

  it('prints a text report with the verdict first, and exits 0 even when breaking', async () => {
    const { code, stdout } = await cli(['diff-schemas', '--direction', 'output', ...OUTPUT_PAIR]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(
      /^Verdict: breaking \(output, pragmatic semantics\) — \d+ breaking/,
    );
    expect(stdout).toContain(`Compared ${OUTPUT_PAIR[0]} → ${OUTPUT_PAIR[1]}`);
    expect(stdout).toMatch(/^BREAKING {2}/m);
  });

  it('prints a markdown report', async () => {
    const { code, stdout } = await cli([
      'diff-schemas',
      '--direction',
      'input',
      '--format',
      'markdown',
      ...INPUT_PAIR,
    ]);
    expect(code).toBe(0);
    expect(stdout.startsWith('### contractguard: BREAKING\n')).toBe(true);
    expect(stdout).toContain('| Severity | Where | Rule | What changed |');
  });

  it('finds no differences between a schema and itself, under either semantics', async () => {
    for (const semantics of ['pragmatic', 'strict']) {
      const { code, stdout } = await cli([
        'diff-schemas',
        '--direction',
        'input',
        '--semantics',
        semantics,
        '--root',
        'examples',
        INPUT_PAIR[0] ?? '',
        INPUT_PAIR[0] ?? '',
      ]);
      expect(code).toBe(0);
      expect(stdout).toContain('No differences in meaning.');
    }
  });
});
