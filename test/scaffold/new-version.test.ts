import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ChangedFile,
  newVersion,
  ScaffoldError,
  type ScaffoldFs,
} from '../../src/scaffold/new-version.js';
import { treeFileProblems } from './helpers.js';

const EXAMPLE = fileURLToPath(new URL('../../contracts-example', import.meta.url));
const NOW = new Date('2026-11-25T15:30:00Z');

let repo: string;
let root: string;

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-new-version-'));
  root = path.join(repo, 'contracts');
  fs.cpSync(EXAMPLE, root, { recursive: true });
});

afterEach(() => {
  fs.rmSync(repo, { recursive: true, force: true });
});

const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

/** Lines of `after` that are not in `before`, when `after` is `before` with lines inserted. */
function insertedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  expect(i, 'every original line is kept, in order').toBe(a.length);
  return added;
}

describe('newVersion on the example tree', () => {
  it('copies v3 to v4 (4.0.0, active, no deprecation) and deprecates v3 with a date from now', async () => {
    const v3Before = read('sync-customers/v3/contract.yaml');
    const result = await newVersion(root, { endpoint: 'sync-customers', now: NOW });

    expect(result.created).toEqual([
      'sync-customers/v4/contract.yaml',
      'sync-customers/v4/customer.schema.json',
      'sync-customers/v4/input.schema.json',
      'sync-customers/v4/output.schema.json',
    ]);
    expect(result.edited).toEqual(['sync-customers/v3/contract.yaml']);

    const v4 = parse(read('sync-customers/v4/contract.yaml')) as Record<string, unknown>;
    expect(v4.version).toBe('4.0.0');
    expect(v4.status).toBe('active');
    expect(v4.deprecation).toBeUndefined();
    expect(v4.endpoint).toBe('sync-customers');
    expect(v4.input).toEqual({ $ref: './input.schema.json' });

    // Schemas are copied byte for byte: v4 starts identical to v3.
    for (const file of ['input.schema.json', 'output.schema.json', 'customer.schema.json']) {
      expect(read(`sync-customers/v4/${file}`)).toBe(read(`sync-customers/v3/${file}`));
    }

    // 90 days (contractguard.yaml's deprecationWindowDays) after 2026-11-25.
    const v3After = read('sync-customers/v3/contract.yaml');
    expect(insertedLines(v3Before, v3After)).toEqual(['deprecation: { date: 2027-02-23, replacement: 4 }']);
    const v3 = parse(v3After) as Record<string, unknown>;
    expect(v3.deprecation).toEqual({ date: '2027-02-23', replacement: 4 });
    expect(v3.status).toBe('active');
    // Both files pass contractguard's validator and the editor schema.
    expect(treeFileProblems(root)).toEqual([]);
    // Right after `status:`, as in DESIGN §1.
    expect(v3After).toContain(
      'status: active # active | deprecated | retired\ndeprecation: { date: 2027-02-23, replacement: 4 }\n',
    );
  });

  it('keeps the copied contract.yaml as it was apart from version and the header naming the major', async () => {
    const before = read('sync-customers/v3/contract.yaml').split('\n');
    await newVersion(root, { endpoint: 'sync-customers', now: NOW });
    const after = read('sync-customers/v4/contract.yaml').split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((line, i) => [before[i], line]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      [
        '# sync-customers v3: the current major, served at /internal/syncCustomers/v3.',
        '# sync-customers v4: the current major, served at /internal/syncCustomers/v4.',
      ],
      ['version: 3.2.0 # major == folder name', 'version: 4.0.0 # major == folder name'],
    ]);
  });

  it('says the aliases did not move, which consumers are on the old major, and where the date came from', async () => {
    const { message } = await newVersion(root, { endpoint: 'sync-customers', now: NOW });
    expect(message).toContain(
      'Aliases unchanged: prod → 3, staging → 3, latest → 3; move `latest` when v4 is ready',
    );
    expect(message).toContain('Consumers still on v3: retool-ops-dashboard, slack-customer-lookup');
    expect(message).toContain('90 days from 2026-11-25, deprecationWindowDays in contractguard.yaml');
    expect(message).toContain('+ sync-customers/v4/contract.yaml');
    expect(message).toContain('and serve it at /internal/syncCustomers/v4.');
    const aliases = (parse(read('sync-customers/endpoint.yaml')) as { aliases: unknown }).aliases;
    expect(aliases).toEqual({ prod: 3, staging: 3, latest: 3 });
  });

  it('takes the window from the options, then from contractguard.yaml, then the default of 90', async () => {
    await newVersion(root, { endpoint: 'export-orders', now: NOW, deprecationDays: 30 });
    expect(parse(read('export-orders/v1/contract.yaml')).deprecation).toEqual({
      date: '2026-12-25',
      replacement: 2,
    });

    fs.writeFileSync(path.join(root, 'contractguard.yaml'), 'deprecationWindowDays: 180\n');
    await newVersion(root, { endpoint: 'enrich-events', now: NOW });
    expect(parse(read('enrich-events/v1/contract.yaml')).deprecation).toEqual({
      date: '2027-05-24',
      replacement: 2,
    });

    fs.rmSync(path.join(root, 'contractguard.yaml'));
    const { message } = await newVersion(root, { endpoint: 'sync-customers', now: NOW });
    expect(parse(read('sync-customers/v3/contract.yaml')).deprecation.date).toBe('2027-02-23');
    expect(message).toContain('the default window');
  });

  it('works with a repository directory and a root inside it; paths are relative to the directory', async () => {
    const result = await newVersion(repo, { root: 'contracts', endpoint: 'export-orders', now: NOW });
    expect(result.created).toContain('contracts/export-orders/v2/contract.yaml');
    expect(result.edited).toEqual(['contracts/export-orders/v1/contract.yaml']);
    expect(fs.existsSync(path.join(root, 'export-orders/v2/input.schema.json'))).toBe(true);
  });

  it('can be run twice: v5 from v4, v4 deprecated in favour of v5', async () => {
    await newVersion(root, { endpoint: 'sync-customers', now: NOW });
    await newVersion(root, { endpoint: 'sync-customers', now: new Date('2027-01-10T00:00:00Z') });
    expect(parse(read('sync-customers/v5/contract.yaml')).version).toBe('5.0.0');
    expect(parse(read('sync-customers/v4/contract.yaml')).deprecation).toEqual({
      date: '2027-04-10',
      replacement: 5,
    });
    // v3's deprecation is untouched.
    expect(parse(read('sync-customers/v3/contract.yaml')).deprecation.replacement).toBe(4);
  });

  it('leaves an existing deprecation on the old major alone, and drops it from the copy', async () => {
    const file = path.join(root, 'export-orders/v1/contract.yaml');
    const withDeprecation = fs
      .readFileSync(file, 'utf8')
      .replace(
        'status: active\n',
        "status: deprecated\ndeprecation:\n  date: '2027-06-30'\n  replacement: 2\n",
      );
    fs.writeFileSync(file, withDeprecation);
    const result = await newVersion(root, { endpoint: 'export-orders', now: NOW });
    expect(result.edited).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(withDeprecation);
    expect(result.message).toContain('already has a deprecation');
    const copy = read('export-orders/v2/contract.yaml');
    expect(parse(copy)).toMatchObject({ version: '2.0.0', status: 'active' });
    expect(copy).not.toContain('deprecation');
    expect(copy).not.toContain('2027-06-30');
  });

  it('keeps quotes and CRLF line endings', async () => {
    const file = path.join(root, 'export-orders/v1/contract.yaml');
    const crlf = fs
      .readFileSync(file, 'utf8')
      .replace('version: 1.1.0\n', "version: '1.1.0'\n")
      .replace(/\n/g, '\r\n');
    fs.writeFileSync(file, crlf);
    await newVersion(root, { endpoint: 'export-orders', now: NOW });
    const v1 = fs.readFileSync(file, 'utf8');
    expect(v1).toBe(
      crlf.replace(
        'status: active\r\n',
        'status: active\r\ndeprecation: { date: 2027-02-23, replacement: 2 }\r\n',
      ),
    );
    expect(read('export-orders/v2/contract.yaml')).toContain("version: '2.0.0'\r\n");
  });

  it('runs on any ScaffoldFs (here in memory)', async () => {
    const files = new Map<string, string>([
      ['api/endpoint.yaml', 'name: api\nowner: x\nroute: /api/v{major}\n'],
      [
        'api/v1/contract.yaml',
        'endpoint: api\nversion: 1.0.3\nowner: x\nstatus: active\ninput: true\noutput: true\n',
      ],
    ]);
    const mem: ScaffoldFs = {
      readFile: async (f) => {
        const text = files.get(f);
        if (text === undefined) throw new Error(`ENOENT ${f}`);
        return text;
      },
      createFile: async (f, t) => {
        if (files.has(f)) throw new Error(`EEXIST ${f}`);
        files.set(f, t);
      },
      writeFile: async (f, t) => void files.set(f, t),
      list: async (dir) => {
        const prefix = dir === '.' ? '' : `${dir}/`;
        const names = new Map<string, boolean>();
        for (const f of files.keys()) {
          if (!f.startsWith(prefix)) continue;
          const [name, ...rest] = f.slice(prefix.length).split('/');
          if (name !== undefined) names.set(name, rest.length > 0);
        }
        return names.size === 0 && dir !== '.'
          ? undefined
          : [...names].map(([name, d]) => ({ name, dir: d }));
      },
      exists: async (f) => [...files.keys()].some((k) => k === f || k.startsWith(`${f}/`)),
    };
    const result = await newVersion(mem, { endpoint: 'api', now: NOW, deprecationDays: 0 });
    expect(result.created).toEqual(['api/v2/contract.yaml']);
    expect(files.get('api/v2/contract.yaml')).toBe(
      'endpoint: api\nversion: 2.0.0\nowner: x\nstatus: active\ninput: true\noutput: true\n',
    );
    expect(files.get('api/v1/contract.yaml')).toContain(
      'status: active\ndeprecation: { date: 2026-11-25, replacement: 2 }\ninput: true\n',
    );
    expect(result.message).toContain('Aliases unchanged (api/endpoint.yaml has none).');
  });
});

describe('newVersion refuses', () => {
  async function refusal(run: () => Promise<unknown>): Promise<string> {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ScaffoldError);
    return (err as ScaffoldError).message;
  }

  const snapshot = (): string[] =>
    (fs.readdirSync(root, { recursive: true }) as string[]).sort().map((f) => {
      const abs = path.join(root, f);
      return fs.statSync(abs).isDirectory() ? f : `${f}:${fs.readFileSync(abs, 'utf8').length}`;
    });

  it('an endpoint that does not exist, naming the ones that do', async () => {
    const before = snapshot();
    expect(await refusal(() => newVersion(root, { endpoint: 'sync-customer' }))).toBe(
      "no endpoint 'sync-customer' in the contract root (endpoints: enrich-events, export-orders, sync-customers)",
    );
    expect(snapshot()).toEqual(before);
  });

  it('a folder without endpoint.yaml', async () => {
    expect(await refusal(() => newVersion(root, { endpoint: 'consumers' }))).toBe(
      'consumers/endpoint.yaml not found: consumers/ is not an endpoint folder',
    );
  });

  it('an endpoint without any major', async () => {
    fs.mkdirSync(path.join(root, 'empty'));
    fs.writeFileSync(path.join(root, 'empty/endpoint.yaml'), 'name: empty\n');
    expect(await refusal(() => newVersion(root, { endpoint: 'empty' }))).toBe(
      'empty/ has no major version folder (v1, v2, …) to copy',
    );
  });

  it('when v<N+1> already exists (as a file), writing nothing', async () => {
    fs.writeFileSync(path.join(root, 'sync-customers/v4'), 'not a folder');
    const before = snapshot();
    expect(await refusal(() => newVersion(root, { endpoint: 'sync-customers', now: NOW }))).toBe(
      'sync-customers/v4 already exists (as a file): remove or rename it first',
    );
    expect(snapshot()).toEqual(before);
  });

  it('a highest major without contract.yaml, or with one that does not parse', async () => {
    fs.mkdirSync(path.join(root, 'export-orders/v2'));
    expect(await refusal(() => newVersion(root, { endpoint: 'export-orders' }))).toBe(
      'export-orders/v2/contract.yaml not found: v2 has no contract to copy',
    );
    fs.writeFileSync(path.join(root, 'export-orders/v2/contract.yaml'), 'endpoint: [unclosed\n');
    expect(await refusal(() => newVersion(root, { endpoint: 'export-orders' }))).toMatch(
      /^export-orders\/v2\/contract.yaml does not parse: /,
    );
    expect(fs.existsSync(path.join(root, 'export-orders/v3'))).toBe(false);
  });

  it('a missing root, a path for a name, a bad window', async () => {
    expect(await refusal(() => newVersion(repo, { root: 'nope', endpoint: 'x' }))).toBe(
      'nope/ does not exist (pass --root, or run `contractguard init`)',
    );
    expect(await refusal(() => newVersion(repo, { root: '../elsewhere', endpoint: 'x' }))).toBe(
      "contract root '../elsewhere' must be a folder inside the repository",
    );
    expect(await refusal(() => newVersion(root, { endpoint: '../sync-customers' }))).toBe(
      "'../sync-customers' is not an endpoint name (a folder name in the contract root)",
    );
    expect(await refusal(() => newVersion(root, { endpoint: 'sync-customers', deprecationDays: -1 }))).toBe(
      'deprecation window must be a whole number of days ≥ 0, got -1',
    );
  });
});

describe('newVersion with changes in the old major (uncommitted, or since a base)', () => {
  const V3 = 'sync-customers/v3';
  /** v3's input as the author edited it, and the change as the command reports it: base has the original. */
  function edited(): { original: string; changes: (dir: string) => Promise<ChangedFile[]> } {
    const original = read(`${V3}/input.schema.json`);
    fs.writeFileSync(path.join(root, V3, 'input.schema.json'), original.replace('"dryRun"', '"dryRunNow"'));
    fs.writeFileSync(path.join(root, V3, 'notes.md'), 'new since base\n');
    const changes = async (dir: string): Promise<ChangedFile[]> => {
      expect(dir).toBe(V3);
      return [
        { file: `${V3}/input.schema.json`, base: original },
        { file: `${V3}/notes.md`, base: undefined },
      ];
    };
    return { original, changes };
  }

  it('asks by default: writes nothing and gives the exact restore commands', async () => {
    const { changes } = edited();
    const result = await newVersion(root, {
      endpoint: 'sync-customers',
      changesIn: changes,
      baseName: 'main',
    });
    expect(result.created).toEqual([]);
    expect(result.choice).toMatchObject({ from: 3, to: 4 });
    expect(result.message.split('\n')).toEqual([
      'v3 of sync-customers has changes against main: input.schema.json, notes.md. Nothing was written; say where they belong:',
      '  --move  v4 starts from v3 with these changes, and v3 goes back to main (a breaking change belongs in v4)',
      '  --keep  v4 starts from v3 with these changes, and v3 keeps them too',
      '--move does what copying sync-customers/v3/ to sync-customers/v4/ and then restoring v3 by hand does:',
      `  git checkout main -- ${V3}/input.schema.json`,
      `  rm -f -- ${V3}/notes.md`,
    ]);
    expect(fs.existsSync(path.join(root, 'sync-customers/v4'))).toBe(false);
  });

  it('--move: v4 gets the changes, v3 goes back to base and is deprecated', async () => {
    const { original, changes } = edited();
    const v3Contract = read(`${V3}/contract.yaml`);
    const result = await newVersion(root, {
      endpoint: 'sync-customers',
      changesIn: changes,
      onChanges: 'move',
      baseName: 'main',
      now: NOW,
    });
    expect(read('sync-customers/v4/input.schema.json')).toContain('"dryRunNow"');
    expect(read('sync-customers/v4/notes.md')).toBe('new since base\n');
    expect(read(`${V3}/input.schema.json`)).toBe(original);
    expect(fs.existsSync(path.join(root, V3, 'notes.md'))).toBe(false);
    expect(insertedLines(v3Contract, read(`${V3}/contract.yaml`))).toEqual([
      'deprecation: { date: 2027-02-23, replacement: 4 }',
    ]);
    expect(result.edited).toEqual([`${V3}/contract.yaml`, `${V3}/input.schema.json`]);
    expect(result.removed).toEqual([`${V3}/notes.md`]);
    expect(result.message).toContain(
      `Moved the changes of v3 since main to v4, and restored v3 as it is in main; the same as:\n  git checkout main -- ${V3}/input.schema.json\n  rm -f -- ${V3}/notes.md`,
    );
  });

  it('--move restores an edited contract.yaml from base, then deprecates it', async () => {
    const base = read(`${V3}/contract.yaml`);
    fs.writeFileSync(path.join(root, V3, 'contract.yaml'), base.replace('version: 3.2.0', 'version: 3.3.0'));
    await newVersion(root, {
      endpoint: 'sync-customers',
      changesIn: async () => [{ file: `${V3}/contract.yaml`, base }],
      onChanges: 'move',
      now: NOW,
    });
    expect(insertedLines(base, read(`${V3}/contract.yaml`))).toEqual([
      'deprecation: { date: 2027-02-23, replacement: 4 }',
    ]);
    expect((parse(read('sync-customers/v4/contract.yaml')) as { version: string }).version).toBe('4.0.0');
  });

  it('--keep: v4 gets the changes and v3 keeps them; the message says how to restore v3 later', async () => {
    const { changes } = edited();
    const result = await newVersion(root, {
      endpoint: 'sync-customers',
      changesIn: changes,
      onChanges: 'keep',
      baseName: 'main',
    });
    expect(read(`${V3}/input.schema.json`)).toContain('"dryRunNow"');
    expect(read('sync-customers/v4/input.schema.json')).toContain('"dryRunNow"');
    expect(result.message).toContain(
      `Kept the changes of v3 since main in v3 too; to restore it later: git checkout main -- ${V3}/input.schema.json && rm -f -- ${V3}/notes.md`,
    );
  });

  it('refuses --move when the old major is new since base: there is nothing to restore', async () => {
    const error = await newVersion(root, {
      endpoint: 'sync-customers',
      changesIn: async () => [{ file: `${V3}/contract.yaml`, base: undefined }],
      onChanges: 'move',
      baseName: 'main',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScaffoldError);
    expect((error as Error).message).toBe(
      `${V3}/contract.yaml is not in main: v3 is new since then, so there is no v3 to restore (use --keep, or compare with another --base)`,
    );
    expect(fs.existsSync(path.join(root, 'sync-customers/v4'))).toBe(false);
  });
});
