/**
 * The small holes of issue 11 (item 8), end to end through the CLI on real git repositories: what a user
 * sees when an alias is a reserved name, when numbers are too large to compare exactly, when names hold
 * bidirectional or control characters, and when a JSON file repeats a key.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { failure } from '../helpers/cli.js';
import { sampleReport } from '../canary/fixtures.js';
import { baseTree, cli, Repo } from './helpers.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const V2 = 'contracts/sync-customers/v2';
const ENDPOINT = 'contracts/sync-customers/endpoint.yaml';
const ENDPOINT_HEAD =
  'name: sync-customers\nowner: "@acme/crm-team"\nroute: /internal/syncCustomers/v{major}\n';

/** The base tree on `main`, `pr` checked out with `files` written over it and committed. */
function pr(files: Record<string, unknown>, base: Record<string, unknown> = {}): Repo {
  repo = new Repo();
  repo.write({ ...baseTree(), ...base }).commit('base');
  repo.git('checkout', '-qb', 'pr');
  repo.write(files).commit('pr');
  return repo;
}

const diff = (...extra: string[]) => cli(['diff', '--base', 'main', '--head', 'pr', ...extra], repo.dir);

/** v2's output schema with `extra` merged into its properties (bumped to 2.2.0 so only the change counts). */
function output(properties: Record<string, unknown>): Record<string, unknown> {
  const schema = baseTree()[`${V2}/output.schema.json`] as { properties: object };
  return {
    [`${V2}/output.schema.json`]: { ...schema, properties: { ...schema.properties, ...properties } },
    [`${V2}/contract.yaml`]: (baseTree()[`${V2}/contract.yaml`] as string).replace(
      'version: 2.1.0',
      'version: 2.2.0',
    ),
  };
}

describe('an alias with a reserved name', () => {
  it.each(['__proto__', 'constructor'])(
    '`%s` fails the check, naming the file and the alias',
    async (alias) => {
      pr({ [ENDPOINT]: `${ENDPOINT_HEAD}aliases: { prod: 2, latest: 2, ${alias}: 1 }\n` });
      const r = await diff();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        `contracts/sync-customers/endpoint.yaml:4:32: error: alias \`${alias}\`: this name is reserved`,
      );
      expect(r.stdout).toContain('pick another');
    },
  );
});

describe('integers beyond 2^53', () => {
  it('a maximum 9007199254740993 → 9007199254740992 is dangerous, saying the numbers are too large', async () => {
    const base = output({ count: { type: 'integer', maximum: 1 } });
    const file = `${V2}/output.schema.json`;
    // JSON.stringify cannot write the number as it is: the text is edited in place.
    const text = (n: string) =>
      `${JSON.stringify(base[file], null, 2).replace('"maximum": 1', `"maximum": ${n}`)}\n`;
    pr({ [file]: text('9007199254740992') }, { ...base, [file]: text('9007199254740993') });
    const r = await diff('--format', 'json');
    const report = JSON.parse(r.stdout) as { verdict: string };
    expect(report.verdict).toBe('dangerous');
    expect(r.stdout).toContain('imprecise-number-changed');
    const text2 = await diff();
    expect(text2.stdout).toMatch(
      /`count`: `maximum` 9007199254740993 became 9007199254740992, and these numbers are too large to compare exactly/,
    );
  });

  it('diff-schemas reports the same for YAML schema files', async () => {
    repo = new Repo();
    writeFileSync(join(repo.dir, 'old.yaml'), 'type: integer\nminimum: 12345678901234567891\n');
    writeFileSync(join(repo.dir, 'new.yaml'), 'type: integer\nminimum: 12345678901234567890\n');
    const r = await cli(['diff-schemas', '--direction', 'input', 'old.yaml', 'new.yaml'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: dangerous/);
    expect(r.stdout).toContain('`minimum` 12345678901234567891 became 12345678901234567890');
  });
});

describe('bidirectional and control characters in names', () => {
  it('are shown as \\u202E in the text and Markdown reports, never raw', async () => {
    const schema = baseTree()[`${V2}/output.schema.json`] as { properties: Record<string, unknown> };
    const { email, ...rest } = schema.properties;
    pr(
      {
        // A property whose name reads reversed is removed, and the schema now lives in a file whose name
        // holds an isolate: both reach the report.
        [`${V2}/output.schema.json`]: { $ref: './out\u2066put.schema.json' },
        [`${V2}/out\u2066put.schema.json`]: { ...schema, properties: rest },
      },
      {
        [`${V2}/output.schema.json`]: { ...schema, properties: { ...rest, 'gnp.\u202Eexe': email } },
      },
    );
    for (const format of ['text', 'markdown']) {
      const r = await diff('--format', format);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(/[\u202e\u2066]/);
      expect(r.stdout).toContain('gnp.\\u202Eexe');
    }
  });

  it('are shown as \\u202E in a one-line error on stderr', async () => {
    repo = new Repo();
    writeFileSync(join(repo.dir, 'new.json'), '{}');
    const r = await cli(['diff-schemas', '--direction', 'input', 'old\u202Enosj.json', 'new.json'], repo.dir);
    expect(failure(r)).toContain('old\\u202Enosj.json');
    expect(r.stderr).not.toContain('\u202e');
  });
});

describe('duplicate keys in a JSON schema file', () => {
  it('fail the check at the second key, naming the first', async () => {
    pr({
      [`${V2}/output.schema.json`]:
        '{\n  "type": "object",\n  "properties": { "id": { "type": "string" } },\n  "type": "array"\n}\n',
    });
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${V2}/output.schema.json:4:3: error: duplicate key \`type\` (first on line 2): each key may appear once in an object; remove one of them`,
    );
  });
});

describe('duplicate keys in a canary report', () => {
  it('make `canary evaluate` refuse the report, naming the file, line and key', async () => {
    repo = new Repo();
    repo.write(baseTree());
    const report = JSON.stringify(sampleReport(), null, 2).replace(
      '"candidate": {\n    "major": 4\n  },',
      '"candidate": {\n    "major": 4\n  },\n  "candidate": { "major": 9 },',
    );
    writeFileSync(join(repo.dir, 'report.json'), report);
    const line = failure(await cli(['canary', 'evaluate', 'report.json'], repo.dir));
    expect(line).toContain(
      '`report.json`:9:3: duplicate key `candidate` (first on line 6): each key may appear once in an object; remove one of them',
    );
  });
});
