/**
 * `contractguard new-version <endpoint>`: starts the next major of an endpoint.
 *
 * - copies the highest `v<N>/` to `v<N+1>/` (every file; contract.yaml gets `version: N+1.0.0`,
 *   `status: active` and no `deprecation`, and `vN` in its header comment becomes `vN+1`);
 * - adds `deprecation: { date: <now + deprecationWindowDays>, replacement: N+1 }` to `v<N>/contract.yaml`;
 * - moves no alias: the summary says where they point and what to move when the new major is ready.
 *
 * YAML files are edited in place, byte for byte outside the edited lines, so comments, quoting and the
 * `{ a: 1 }` flow style survive. The yaml package's Document API finds the nodes (with their source
 * ranges) and renders new values; the text is then spliced rather than re-printed, because `toString()`
 * re-renders every flow collection (`{ a: 1 }` → `{a: 1}` or `[ a ]`) and would rewrite untouched lines.
 * Every edit is checked by parsing the result again.
 *
 * Everything is read and checked before anything is written: a refusal leaves the tree untouched.
 */
import { isMap, isScalar, parse, parseDocument, type Document, type Pair, type Scalar } from 'yaml';
import { DEFAULT_POLICY } from '../model/types.js';
import { scriptFilesOf, windmillNextMajor } from './from-windmill.js';
import { joinPath, normalizeRoot, ScaffoldError, toScaffoldFs, type ScaffoldFs } from './fs.js';

export { ScaffoldError, nodeFs, type ScaffoldFs } from './fs.js';

export interface NewVersionOptions {
  /**
   * The contract root, relative to the directory (or `ScaffoldFs`) given. Default `.`: the directory is
   * the contract root itself. Paths in the result are relative to the directory.
   */
  root?: string;
  /** The endpoint folder name, e.g. `sync-customers`. */
  endpoint: string;
  /** Today, for the deprecation date. Default: the current time. */
  now?: Date;
  /**
   * Days between `now` and the previous major's deprecation date. Default: `deprecationWindowDays` from
   * the root's contractguard.yaml, else 90.
   */
  deprecationDays?: number;
  /**
   * The files of a major folder that differ from the base the author compares with (uncommitted edits, or
   * a branch's edits), with their text in base. When the copied major has any, `onChanges` says what to do.
   */
  changesIn?: (dir: string) => Promise<ChangedFile[]>;
  /**
   * What to do with those changes: `move` them into the new major and restore the old one from base (the
   * usual case: a breaking change made in vN belongs in vN+1); `keep` them in both; `ask` (default): write
   * nothing and say what each choice does.
   */
  onChanges?: 'ask' | 'move' | 'keep';
  /** How the base is named in messages and commands (`main`, `HEAD`). */
  baseName?: string;
}

/** A file of a major folder that differs from base. */
export interface ChangedFile {
  /** Path relative to the directory given to `newVersion`. */
  file: string;
  /** Its text in base; undefined when base does not have it (a file added since). */
  base: string | undefined;
}

export interface ScaffoldResult {
  /** Files written, relative to the repository directory. */
  created: string[];
  /** Files changed in place. */
  edited: string[];
  /** Files removed (a file of the old major that base does not have, when its changes were moved). */
  removed?: string[];
  /** What was done and what to do next, for a terminal. */
  message: string;
  /**
   * Set when nothing was written because the old major has changes against base and `onChanges` is `ask`:
   * the message says what `--move` and `--keep` do, and the exact commands to restore it by hand.
   */
  choice?: { from: number; to: number; files: ChangedFile[] };
}

const MAJOR_FOLDER = /^v([1-9][0-9]*)$/;
const ENDPOINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Key order in DESIGN §1: the deprecation goes right after the first of these that exists. */
const DEPRECATION_AFTER = ['status', 'version', 'owner', 'endpoint'];

export async function newVersion(
  target: string | ScaffoldFs,
  opts: NewVersionOptions,
): Promise<ScaffoldResult> {
  const fs = toScaffoldFs(target);
  const root = normalizeRoot(opts.root ?? '.');
  const rootName = root === '.' ? 'the contract root' : `${root}/`;
  const { endpoint } = opts;
  if (!ENDPOINT_NAME.test(endpoint)) {
    throw new ScaffoldError(`'${endpoint}' is not an endpoint name (a folder name in ${rootName})`);
  }

  // ---- read and check ------------------------------------------------------------------------------
  const rootEntries = await fs.list(root);
  if (!rootEntries) {
    throw new ScaffoldError(`${rootName} does not exist (pass --root, or run \`contractguard init\`)`);
  }
  const endpointDir = joinPath(root, endpoint);
  const entries = await fs.list(endpointDir);
  if (!entries) {
    const known = [];
    for (const e of rootEntries.filter((e) => e.dir && e.name !== 'consumers')) {
      if (await fs.exists(joinPath(root, e.name, 'endpoint.yaml'))) known.push(e.name);
    }
    throw new ScaffoldError(
      `no endpoint '${endpoint}' in ${rootName}` +
        (known.length > 0 ? ` (endpoints: ${known.sort().join(', ')})` : ' (it has no endpoints yet)'),
    );
  }
  const endpointFile = joinPath(endpointDir, 'endpoint.yaml');
  if (!(await fs.exists(endpointFile))) {
    throw new ScaffoldError(`${endpointFile} not found: ${endpointDir}/ is not an endpoint folder`);
  }
  const majors = entries
    .filter((e) => e.dir)
    .map((e) => MAJOR_FOLDER.exec(e.name)?.[1])
    .filter((m): m is string => m !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const from = majors.at(-1);
  if (from === undefined) {
    throw new ScaffoldError(`${endpointDir}/ has no major version folder (v1, v2, …) to copy`);
  }
  const to = from + 1;
  const fromDir = joinPath(endpointDir, `v${from}`);
  const toDir = joinPath(endpointDir, `v${to}`);
  if (await fs.exists(toDir)) {
    throw new ScaffoldError(`${toDir} already exists (as a file): remove or rename it first`);
  }
  const fromContract = joinPath(fromDir, 'contract.yaml');
  if (!(await fs.exists(fromContract))) {
    throw new ScaffoldError(`${fromContract} not found: v${from} has no contract to copy`);
  }
  const changed = (await opts.changesIn?.(fromDir)) ?? [];
  // A Windmill-backed major's script is part of it: its changes move (or stay) with the major's.
  const script = scriptFilesOf(root, await fs.readFile(fromContract));
  if (script && opts.changesIn)
    changed.push(...(await opts.changesIn(script.folder)).filter((c) => script.owns(c.file)));
  const baseName = opts.baseName ?? 'base';
  const onChanges = opts.onChanges ?? 'ask';
  if (changed.length > 0 && onChanges === 'ask') {
    return { created: [], edited: [], message: offer(), choice: { from, to, files: changed } };
  }
  const moving = changed.length > 0 && onChanges === 'move' ? changed : [];
  const restoredContract = moving.find((c) => c.file === fromContract);
  if (restoredContract !== undefined && restoredContract.base === undefined) {
    throw new ScaffoldError(
      `${fromContract} is not in ${baseName}: v${from} is new since then, so there is no v${from} to restore (use --keep, or compare with another --base)`,
    );
  }
  const removals = moving.filter((c) => c.base === undefined).map((c) => c.file);
  if (removals.length > 0 && fs.removeFile === undefined) {
    throw new ScaffoldError(`cannot remove files here (${removals.join(', ')}): move the changes by hand`);
  }
  // The old major's contract as it will stay: as in base when the changes move, then deprecated.
  const contractText = restoredContract?.base ?? (await fs.readFile(fromContract));
  const fromDoc = parseContract(contractText, fromContract);

  const policyDays = opts.deprecationDays === undefined ? await policyWindow(fs, root) : undefined;
  const days = opts.deprecationDays ?? policyDays ?? DEFAULT_POLICY.deprecationWindowDays;
  const daysFrom =
    opts.deprecationDays !== undefined
      ? 'as requested'
      : policyDays !== undefined
        ? `deprecationWindowDays in ${joinPath(root, 'contractguard.yaml')}`
        : 'the default window';
  if (!Number.isInteger(days) || days < 0) {
    throw new ScaffoldError(`deprecation window must be a whole number of days ≥ 0, got ${days}`);
  }
  const now = opts.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new ScaffoldError('`now` is not a valid date');
  const date = addDays(now, days);

  const deprecated = deprecate(contractText, fromDoc, fromContract, date, to);
  const copied = await readTree(fs, fromDir);
  const files = copied.map(({ rel, text }) => ({
    file: joinPath(toDir, rel),
    text: rel === 'contract.yaml' ? nextContract(text, fromContract, from, to) : text,
  }));
  // A Windmill-backed major reads its own script: the next one is a copy (docs/windmill.md).
  const newContract = files.find((f) => f.file === joinPath(toDir, 'contract.yaml'));
  const windmill = newContract && (await windmillNextMajor(fs, root, newContract.text, to));
  if (windmill && newContract) {
    newContract.text = windmill.contract;
    files.push(...windmill.files);
  }

  const { aliases, route } = await readEndpoint(fs, endpointFile);
  const consumers = await consumersOf(fs, root, endpoint, from);

  // ---- write ---------------------------------------------------------------------------------------
  const created: string[] = [];
  for (const { file, text } of files) {
    await fs.createFile(file, text);
    created.push(file);
  }
  const edited: string[] = [];
  const removed: string[] = [];
  for (const { file, base } of moving) {
    if (file === fromContract) continue;
    if (base === undefined) {
      await fs.removeFile?.(file);
      removed.push(file);
    } else if (await fs.exists(file)) {
      await fs.writeFile(file, base);
      edited.push(file);
    } else {
      await fs.createFile(file, base);
      edited.push(file);
    }
  }
  if (deprecated.text !== (await fs.readFile(fromContract))) {
    await fs.writeFile(fromContract, deprecated.text);
    edited.push(fromContract);
  }

  return { created, edited: edited.sort(), ...(removed.length ? { removed } : {}), message: summary() };

  /** Nothing written: what `--move` and `--keep` would do, and the commands to restore by hand. */
  function offer(): string {
    const names = changed
      .map((c) => (c.file.startsWith(`${fromDir}/`) ? c.file.slice(fromDir.length + 1) : c.file))
      .join(', ');
    const lines = [
      `v${from} of ${endpoint} has changes against ${baseName}: ${names}. Nothing was written; say where they belong:`,
      `  --move  v${to} starts from v${from} with these changes, and v${from} goes back to ${baseName} (a breaking change belongs in v${to})`,
      `  --keep  v${to} starts from v${from} with these changes, and v${from} keeps them too`,
      `--move does what copying ${fromDir}/ to ${toDir}/ and then restoring v${from} by hand does:`,
      ...restoreCommands(changed, baseName).map((c) => `  ${c}`),
    ];
    return lines.join('\n');
  }

  function summary(): string {
    const lines = [`Created ${toDir}/ from v${from} (version ${to}.0.0, status active):`];
    for (const file of created) lines.push(`  + ${file}`);
    if (moving.length > 0) {
      lines.push(
        `Moved the changes of v${from} since ${baseName} to v${to}, and restored v${from} as it is in ${baseName}; the same as:`,
        ...restoreCommands(moving, baseName).map((c) => `  ${c}`),
      );
    } else if (changed.length > 0) {
      lines.push(
        `Kept the changes of v${from} since ${baseName} in v${from} too; to restore it later: ${restoreCommands(changed, baseName).join(' && ')}`,
      );
    }
    if (deprecated.existing) {
      lines.push(`Left ${fromContract} unchanged: it already has a deprecation (${deprecated.existing}).`);
    } else {
      lines.push(
        `Deprecated v${from} in ${fromContract}: deprecation { date: ${date}, replacement: ${to} } ` +
          `(${days} days from ${isoDate(now)}, ${daysFrom}); set \`status: deprecated\` there once v${to} serves prod.`,
      );
    }
    const list = Object.entries(aliases).map(([alias, major]) => `${alias} → ${major}`);
    lines.push(
      list.length > 0
        ? `Aliases unchanged: ${list.join(', ')}; move \`latest\` when v${to} is ready, \`prod\` after its canary.`
        : `Aliases unchanged (${endpointFile} has none).`,
    );
    if (windmill) lines.push(...windmill.notes);
    const serve = route === undefined ? '' : `, and serve it at ${route.replaceAll('{major}', String(to))}`;
    lines.push(
      moving.length > 0
        ? `Next: check ${toDir}/ (it has the changes you made in v${from})${serve}.`
        : `Next: make the breaking change in ${toDir}/ (v${to} starts identical to v${from})${serve}.`,
    );
    if (consumers.length > 0) {
      lines.push(`Consumers still on v${from}: ${consumers.join(', ')} — migrate them before ${date}.`);
    }
    return lines.join('\n');
  }
}

/**
 * The commands that put changed files back as they are in base: `git checkout <base> -- …` for the files base
 * has, `rm` for those it does not. (After them, v<N>'s contract.yaml needs its deprecation again, which
 * new-version writes.)
 */
export function restoreCommands(files: readonly ChangedFile[], baseName: string): string[] {
  const restore = files.filter((f) => f.base !== undefined).map((f) => quote(f.file));
  const remove = files.filter((f) => f.base === undefined).map((f) => quote(f.file));
  return [
    ...(restore.length ? [`git checkout ${baseName} -- ${restore.join(' ')}`] : []),
    ...(remove.length ? [`rm -f -- ${remove.join(' ')}`] : []),
  ];
}

/** A path as a shell word: as it is when it is plain, else in single quotes. */
function quote(file: string): string {
  return /^[\w./@+-]+$/.test(file) ? file : `'${file.replaceAll("'", "'\\''")}'`;
}

// ---- contract.yaml edits ---------------------------------------------------------------------------

function parseContract(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new ScaffoldError(`${file} does not parse: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
  }
  if (!isMap(doc.contents)) throw new ScaffoldError(`${file} is not a YAML mapping`);
  return doc;
}

function topPair(doc: Document.Parsed, key: string): Pair | undefined {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** Adds `deprecation: { date, replacement }` after `status:` (or leaves an existing deprecation alone). */
function deprecate(
  text: string,
  doc: Document.Parsed,
  file: string,
  date: string,
  replacement: number,
): { text: string; existing?: string } {
  const existing = topPair(doc, 'deprecation');
  if (existing) {
    const value: unknown = doc.toJS()?.deprecation;
    return { text, existing: JSON.stringify(value) };
  }
  const rendered = `deprecation: { date: ${date}, replacement: ${replacement} }`;
  let result: string;
  const anchor = DEPRECATION_AFTER.map((k) => topPair(doc, k)).find((p) => p !== undefined);
  if (isBlockMap(doc) && anchor && hasRange(anchor.key) && hasRange(anchor.value)) {
    const at = lineEnd(text, anchor.value.range[2]);
    const line = columnOf(text, anchor.key.range[0]) + rendered + eol(text);
    result = text.slice(0, at) + (at > 0 && text[at - 1] !== '\n' ? eol(text) : '') + line + text.slice(at);
  } else {
    // A flow mapping or an unusual layout: let the Document API print it (formatting may change).
    const copy = doc.clone();
    copy.set('deprecation', copy.createNode({ date, replacement }, { flow: true }));
    result = copy.toString({ lineWidth: 0, flowCollectionPadding: true });
  }
  check(result, file, (value) => {
    const dep = value.deprecation as { date?: unknown; replacement?: unknown } | undefined;
    return dep?.date === date && dep.replacement === replacement;
  });
  return { text: result };
}

/** The copied contract: version N+1.0.0, status active, no deprecation, header comment says vN+1. */
function nextContract(text: string, file: string, from: number, to: number): string {
  const version = `${to}.0.0`;
  let result = text;
  const doc = parseContract(result, file);
  if (!isBlockMap(doc)) {
    const copy = doc.clone();
    copy.set('version', version);
    copy.set('status', 'active');
    copy.delete('deprecation');
    result = copy.toString({ lineWidth: 0, flowCollectionPadding: true });
  } else {
    // Edits from the end of the file backwards, so earlier offsets stay valid.
    const edits: { start: number; end: number; text: string }[] = [];
    const versionPair = topPair(doc, 'version');
    if (versionPair && isScalar(versionPair.value) && hasRange(versionPair.value)) {
      edits.push(replaceScalar(text, versionPair.value, version));
    }
    const statusPair = topPair(doc, 'status');
    if (statusPair && isScalar(statusPair.value) && hasRange(statusPair.value)) {
      if (statusPair.value.value !== 'active') edits.push(replaceScalar(text, statusPair.value, 'active'));
    }
    const deprecation = topPair(doc, 'deprecation');
    if (deprecation && hasRange(deprecation.key) && hasRange(deprecation.value)) {
      const start = deprecation.key.range[0] - columnOf(text, deprecation.key.range[0]).length;
      edits.push({ start, end: lineEnd(text, deprecation.value.range[2]), text: '' });
    }
    const header = headerEnd(text);
    if (header > 0) {
      const renamed = text.slice(0, header).replace(new RegExp(`\\bv${from}\\b`, 'g'), `v${to}`);
      edits.push({ start: 0, end: header, text: renamed });
    }
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    }
    if (!versionPair || !statusPair) {
      const copy = parseContract(result, file);
      if (!versionPair) copy.set('version', version);
      if (!statusPair) copy.set('status', 'active');
      result = copy.toString({ lineWidth: 0, flowCollectionPadding: true });
    }
  }
  check(
    result,
    file,
    (value) => value.version === version && value.status === 'active' && !('deprecation' in value),
  );
  return result;
}

/** Replaces a scalar's value, keeping its quote style (the range covers the quotes). */
function replaceScalar(text: string, node: Scalar & { range: [number, number, number] }, value: string) {
  const quote = text[node.range[0]];
  const rendered = quote === "'" || quote === '"' ? `${quote}${value}${quote}` : value;
  return { start: node.range[0], end: node.range[1], text: rendered };
}

function check(text: string, file: string, ok: (value: Record<string, unknown>) => boolean): void {
  const doc = parseDocument(text);
  const value: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
  if (typeof value !== 'object' || value === null || !ok(value as Record<string, unknown>)) {
    throw new ScaffoldError(`could not edit ${file} safely; nothing was written (please edit it by hand)`);
  }
}

function isBlockMap(doc: Document.Parsed): boolean {
  return isMap(doc.contents) && !doc.contents.flow;
}

function hasRange<T extends { range?: [number, number, number] | null }>(
  node: T | null | undefined | unknown,
): node is T & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as T).range);
}

/** The offset just after the line that contains offset `end - 1` (after its newline). */
function lineEnd(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl === -1 ? text.length : nl + 1;
}

/** The indentation before offset `at` on its line. */
function columnOf(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(start, at);
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** End of the leading block of comment and blank lines. */
function headerEnd(text: string): number {
  let at = 0;
  while (at < text.length) {
    const next = lineEnd(text, at + 1);
    const line = text.slice(at, next).trim();
    if (line !== '' && !line.startsWith('#')) break;
    at = next;
  }
  return at;
}

// ---- reading the tree ------------------------------------------------------------------------------

async function readTree(fs: ScaffoldFs, dir: string, prefix = ''): Promise<{ rel: string; text: string }[]> {
  const out: { rel: string; text: string }[] = [];
  const entries = (await fs.list(joinPath(dir, prefix))) ?? [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.dir) out.push(...(await readTree(fs, dir, rel)));
    else out.push({ rel, text: await fs.readFile(joinPath(dir, rel)) });
  }
  return out;
}

/** `deprecationWindowDays` from the root's contractguard.yaml, when it is there and valid. */
async function policyWindow(fs: ScaffoldFs, root: string): Promise<number | undefined> {
  const value = await readYaml(fs, joinPath(root, 'contractguard.yaml'));
  const days = isRecord(value) ? value.deprecationWindowDays : undefined;
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : undefined;
}

async function readEndpoint(
  fs: ScaffoldFs,
  file: string,
): Promise<{ aliases: Record<string, unknown>; route?: string }> {
  const value = await readYaml(fs, file);
  const aliases = isRecord(value) && isRecord(value.aliases) ? value.aliases : {};
  const route = isRecord(value) && typeof value.route === 'string' ? value.route : undefined;
  return { aliases, route };
}

/** Registered consumers that use `endpoint` at `major` (unreadable consumer files are skipped). */
async function consumersOf(fs: ScaffoldFs, root: string, endpoint: string, major: number): Promise<string[]> {
  const dir = joinPath(root, 'consumers');
  const names: string[] = [];
  for (const entry of (await fs.list(dir)) ?? []) {
    if (entry.dir || !/\.ya?ml$/.test(entry.name)) continue;
    const value = await readYaml(fs, joinPath(dir, entry.name));
    if (!isRecord(value) || !Array.isArray(value.uses)) continue;
    const uses = value.uses.some(
      (u: unknown) => isRecord(u) && u.endpoint === endpoint && u.version === major,
    );
    if (uses) names.push(typeof value.name === 'string' ? value.name : entry.name.replace(/\.ya?ml$/, ''));
  }
  return names.sort();
}

async function readYaml(fs: ScaffoldFs, file: string): Promise<unknown> {
  if (!(await fs.exists(file))) return undefined;
  try {
    return parse(await fs.readFile(file)) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- dates -----------------------------------------------------------------------------------------

function addDays(now: Date, days: number): string {
  return isoDate(new Date(now.getTime() + days * 86_400_000));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
