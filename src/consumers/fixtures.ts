/**
 * Consumer checks (DESIGN §1, `consumers/*.yaml`): what each registered consumer relies on must still hold
 * in the tree.
 * - Fixtures: each recorded request must be valid input of the endpoint major the consumer uses, and each
 *   recorded response valid output of it and valid against the consumer's `expects` schema (ajv, see
 *   `validator.ts`).
 * - `expects` guarantee: every response the output schema admits must satisfy `expects`, i.e. the output
 *   is a subset of `expects` (`diffSchemas(expects, output, { direction: 'output', semantics: 'strict' })`
 *   has no breaking change).
 * Problems are `TreeProblem`s (file, line when known, message) with the consumer they are about.
 */
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { diffSchemas } from '../diff/index.js';
import type { ContractSet, LoadedConsumer, LoadedVersion, TreeProblem } from '../model/types.js';
import type { Change } from '../diff/types.js';
import { describeDuplicateKey, findDuplicateKey } from '../schema/read.js';
import type { ResolvedSchema } from '../schema/types.js';
import { fieldName, fieldSteps } from './fields.js';
import { checkInlineRequests } from './inline.js';
import { instanceName } from './names.js';
import { compileResolved, validateWith } from './validator.js';

export { instanceName } from './names.js';

export type ConsumerProblemKind = 'fixture-request' | 'fixture-response' | 'fixture-expects' | 'expects';

export interface ConsumerProblem extends TreeProblem {
  kind: ConsumerProblemKind;
  consumer: string;
  endpoint: string;
  major: number;
  /** For fixtures: JSON pointer of the failing value inside the fixture. */
  instancePath?: string;
  /** For `expects`: the breaking change that makes the output not guarantee `expects`. */
  change?: { rule: string; path: string; message: string };
}

export interface CheckConsumersOptions {
  /** Validation errors reported per fixture and schema (default 5). */
  maxErrorsPerFixture?: number;
  /** Time limit of each semantic check inside the expects diff. */
  semanticTimeoutMs?: number;
}

/** Every consumer problem of the tree: fixtures first, then `expects` guarantees, in consumer order. */
export async function checkConsumers(
  set: ContractSet,
  opts: CheckConsumersOptions = {},
): Promise<ConsumerProblem[]> {
  const problems = checkFixtures(set, opts);
  problems.push(...(await checkExpects(set, opts)));
  return problems;
}

interface Use {
  consumer: LoadedConsumer;
  index: number;
  version: LoadedVersion;
}

/** The uses whose endpoint major exists (the loader reports the others). */
function usesOf(set: ContractSet): Use[] {
  const out: Use[] = [];
  for (const consumer of set.consumers) {
    consumer.consumer.uses.forEach((use, index) => {
      const version = set.endpoints.get(use.endpoint)?.versions.get(use.version);
      if (version) out.push({ consumer, index, version });
    });
  }
  return out;
}

// ---- fixtures ---------------------------------------------------------------------------------------------

/**
 * Validates each fixture file. Needs `set.text` (sets built by the loader have it); without it there is
 * nothing to read and no problem is reported. Fixtures the loader already reported (missing, outside the
 * root) are skipped.
 */
export function checkFixtures(set: ContractSet, opts: CheckConsumersOptions = {}): ConsumerProblem[] {
  // Requests written inline by discovered consumers (Windmill flows and schedules) first.
  const problems: ConsumerProblem[] = checkInlineRequests(set, opts.maxErrorsPerFixture).map((p) => ({
    ...p,
    kind: 'fixture-request',
  }));
  const read = set.text;
  if (read === undefined) return problems;
  const limit = opts.maxErrorsPerFixture ?? 5;
  for (const { consumer, index, version } of usesOf(set)) {
    const use = consumer.consumer.uses[index];
    if (use === undefined) continue;
    const expects = consumer.expects?.[index];
    const base = { consumer: consumer.consumer.name, endpoint: version.endpoint, major: version.major };
    for (const fixture of use.fixtures ?? []) {
      for (const side of ['request', 'response'] as const) {
        const ref = fixture[side];
        const file = ref === undefined ? undefined : fixturePath(set, consumer.file, ref);
        if (file === undefined) continue;
        const text = read.call(set, file);
        if (text === undefined) continue;
        const data = parseFixture(text, file);
        if ('error' in data) {
          problems.push({
            ...base,
            kind: side === 'request' ? 'fixture-request' : 'fixture-response',
            file,
            message: data.error,
            ...(data.line === undefined ? {} : { line: data.line, column: data.column }),
          });
          continue;
        }
        // Told as the consumer's own record: its request or response, and what it does not match.
        const name = consumer.consumer.name;
        const recorded = `${name}'s recorded ${side} ${path.posix.basename(file)}`;
        const contract = `${version.endpoint} v${version.major} ${side === 'request' ? 'input' : 'output'}`;
        const against: { kind: ConsumerProblemKind; schema: ResolvedSchema; what: string; fails: string }[] =
          [
            side === 'request'
              ? {
                  kind: 'fixture-request',
                  schema: version.input,
                  what: contract,
                  fails: `is not valid ${contract}`,
                }
              : {
                  kind: 'fixture-response',
                  schema: version.output,
                  what: contract,
                  fails: `is not valid ${contract}`,
                },
          ];
        if (side === 'response' && expects !== undefined) {
          const own = `${name}'s \`expects\` schema`;
          against.push({
            kind: 'fixture-expects',
            schema: expects,
            what: own,
            fails: 'does not match its own `expects` schema',
          });
        }
        for (const { kind, schema, what, fails } of against) {
          const compiled = compileResolved(schema);
          const unchecked = 'error' in compiled ? compiled : validateWith(compiled, data.value, limit);
          if ('error' in unchecked) {
            problems.push({
              ...base,
              kind,
              file,
              message: `${recorded} cannot be checked against ${what}: ${unchecked.error}`,
            });
            continue;
          }
          for (const error of unchecked) {
            const at = set.position(file, error.instancePath);
            const problem: ConsumerProblem = {
              ...base,
              kind,
              file,
              instancePath: error.instancePath,
              message: `${recorded} ${fails}: ${instanceName(error.instancePath, `the ${side}`)} ${error.message}`,
            };
            if (at) {
              problem.line = at.line;
              problem.column = at.column;
            }
            problems.push(problem);
          }
        }
      }
    }
  }
  return problems;
}

/**
 * The repository path of a fixture a consumer file names (relative to that file), or undefined for a URL,
 * an absolute path or a path leaving the contract root (the loader reports those).
 */
export function fixturePath(set: ContractSet, consumerFile: string, ref: string): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) || ref.startsWith('/')) return undefined;
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(consumerFile), ref));
  const rootPrefix = set.root === '' ? '' : `${set.root}/`;
  if (!file.startsWith(rootPrefix) || file.startsWith('../')) return undefined;
  return file;
}

/** A fixture file's data (JSON, or YAML for `.yaml`/`.yml`), or why it does not parse (and where, if known). */
export function parseFixture(
  text: string,
  file: string,
): { value: unknown } | { error: string; line?: number; column?: number } {
  try {
    if (/\.ya?ml$/i.test(file)) return { value: parseYaml(text, { maxAliasCount: 100 }) as unknown };
    const value = JSON.parse(text) as unknown;
    // JSON.parse keeps the last of two equal keys without a word; YAML fixtures refuse them, so do these.
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined) {
      const { line, column } = duplicate;
      return { error: `fixture does not parse: ${describeDuplicateKey(duplicate)}`, line, column };
    }
    return { value };
  } catch (error) {
    const reason =
      error instanceof RangeError
        ? 'nested too deeply'
        : error instanceof Error
          ? error.message
          : String(error);
    return { error: `fixture does not parse: ${reason}` };
  }
}

// ---- expects guarantee -------------------------------------------------------------------------------------

/**
 * For each use with an `expects` schema: the breaking changes of `expects → output` (strict semantics),
 * each a problem on the expects file.
 */
export async function checkExpects(
  set: ContractSet,
  opts: CheckConsumersOptions = {},
): Promise<ConsumerProblem[]> {
  const problems: ConsumerProblem[] = [];
  for (const { consumer, index, version } of usesOf(set)) {
    const expects = consumer.expects?.[index];
    if (expects === undefined) continue;
    // The same finding through several `anyOf` branches of the output reads the same: say it once.
    const said = new Set<string>();
    const changes = await unguaranteed(expects, version, opts);
    const undeclared = new Set(changes.filter((c) => c.rule === 'property-removed').map(fieldOf));
    for (const change of changes) {
      // A field the output does not declare at all is not also "not required" there: one message per field.
      if (change.rule === 'required-removed' && undeclared.has(fieldOf(change))) continue;
      const problem = expectsProblem(set, consumer, expects, version, change);
      const key = `${problem.file}\0${problem.line ?? ''}\0${problem.message}`;
      if (said.has(key)) continue;
      said.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/** The breaking changes between a consumer's `expects` and a version's output: what is not guaranteed. */
export async function unguaranteed(
  expects: ResolvedSchema,
  version: LoadedVersion,
  opts: CheckConsumersOptions = {},
): Promise<Change[]> {
  const result = await diffSchemas(expects, version.output, {
    direction: 'output',
    semantics: 'strict',
    ...(opts.semanticTimeoutMs === undefined ? {} : { semanticTimeoutMs: opts.semanticTimeoutMs }),
  });
  return result.changes.filter(
    (c) => c.severity === 'breaking' && !(c.rule === 'property-removed' && optionalIn(expects, c.oldPath)),
  );
}

/**
 * Whether the property a `property-removed` change names is optional in `expects`: the consumer then copes
 * with its absence, and an output that does not declare it does not produce it (undeclared output properties
 * are read as DESIGN §2 `pragmatic` reads them; strict set inclusion would flag every optional field that
 * only some `anyOf` branches of the output declare). Undefined paths (canonical pointers that do not exist
 * in the resolved graph) count as required: the change is kept.
 */
function optionalIn(expects: ResolvedSchema, pointer: string): boolean {
  const tokens =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.length < 2 || tokens[tokens.length - 2] !== 'properties') return false;
  const name = tokens[tokens.length - 1] as string;
  let node: unknown = expects.root;
  for (const token of tokens.slice(0, -2)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[token];
  }
  if (typeof node !== 'object' || node === null) return false;
  const parent = node as Record<string, unknown>;
  const properties = parent.properties;
  if (typeof properties !== 'object' || properties === null || !(name in properties)) return false;
  return !(Array.isArray(parent.required) && parent.required.includes(name));
}

/**
 * The field a change of `expects → output` is about, as the consumer names it: the property itself for
 * `required-removed` (whose path is the object's `required`), else the field at its path.
 */
function fieldOf(change: Change): string | undefined {
  const steps = fieldSteps(change.oldPath) ?? fieldSteps(change.path);
  if (steps === undefined) return undefined;
  if (change.rule === 'required-removed' && typeof change.args.name === 'string')
    return fieldName([...steps, change.args.name]);
  return fieldName(steps);
}

/**
 * What a consumer relies on that the output does not promise, in the consumer's words: the change is a
 * difference between its `expects` and the output, not something that happened to the output, so the
 * sentence says what the consumer expects and what the output declares.
 */
function expectsMessage(consumer: string, version: LoadedVersion, change: Change): string {
  const field = fieldOf(change);
  const what = field === undefined || field === '' ? 'the response' : `\`${field}\``;
  const output = `${version.endpoint} v${version.major} output`;
  const args = change.args;
  switch (change.rule) {
    case 'property-removed':
      return `${consumer} expects ${what}, which ${output} does not declare`;
    case 'required-removed':
      return `${consumer} expects ${what} in every response, but ${output} does not require it (it may be missing)`;
    case 'enum-value-added':
      return `${consumer} expects ${what} to be one of the values its \`expects\` lists, but ${output} may also return ${show(args.value)}`;
    case 'type-added':
      return `${consumer} expects ${what} never to be ${typeList(args.types)}, but ${output} allows it`;
    case 'enum-removed':
      return `${consumer} expects ${what} to be one of a fixed list of values, but ${output} does not limit it`;
    default: {
      const detail = change.message.replace(/^./, (c) => c.toLowerCase());
      return `${consumer} expects ${what} as its \`expects\` schema describes it, but ${output} does not guarantee that: ${detail}`;
    }
  }
}

function show(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function typeList(types: unknown): string {
  const list = Array.isArray(types) ? types.map(String) : [String(types)];
  return list.map((t) => `\`${t}\``).join(' or ');
}

function expectsProblem(
  set: ContractSet,
  consumer: LoadedConsumer,
  expects: ResolvedSchema,
  version: LoadedVersion,
  change: Change,
): ConsumerProblem {
  const name = consumer.consumer.name;
  // The expects schema's own file (relative to the contract root), or the consumer file for an inline one.
  const origin = typeof expects.root === 'object' ? expects.origins.get(expects.root) : undefined;
  const rootPrefix = set.root === '' ? '' : `${set.root}/`;
  const file = origin ? `${rootPrefix}${origin.file}` : consumer.file;
  const inExpects = findOrigin(expects, change.oldPath);
  const problem: ConsumerProblem = {
    kind: 'expects',
    consumer: name,
    endpoint: version.endpoint,
    major: version.major,
    file: inExpects ? `${rootPrefix}${inExpects.file}` : file,
    message: expectsMessage(name, version, change),
    change: { rule: change.rule, path: change.path, message: change.message },
  };
  const at = inExpects ? set.position(`${rootPrefix}${inExpects.file}`, inExpects.pointer) : undefined;
  if (at) {
    problem.line = at.line;
    problem.column = at.column;
  }
  return problem;
}

/** The source of the node at a canonical pointer of `expects`, or of its nearest ancestor found. */
function findOrigin(schema: ResolvedSchema, pointer: string): { file: string; pointer: string } | undefined {
  let node: unknown = schema.root;
  let best = typeof node === 'object' && node !== null ? schema.origins.get(node) : undefined;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<string, unknown>)[token];
    if (typeof node === 'object' && node !== null) {
      const origin = schema.origins.get(node);
      if (origin) best = origin;
    }
  }
  return best;
}
