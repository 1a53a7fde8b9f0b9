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
import type { ResolvedSchema } from '../schema/types.js';
import { fieldName, fieldSteps } from './fields.js';
import { compileResolved, validateWith } from './validator.js';

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
  const problems: ConsumerProblem[] = [];
  const read = set.text;
  if (read === undefined) return problems;
  const limit = opts.maxErrorsPerFixture ?? 5;
  const rootPrefix = set.root === '' ? '' : `${set.root}/`;
  for (const { consumer, index, version } of usesOf(set)) {
    const use = consumer.consumer.uses[index];
    if (use === undefined) continue;
    const expects = consumer.expects?.[index];
    const base = { consumer: consumer.consumer.name, endpoint: version.endpoint, major: version.major };
    for (const fixture of use.fixtures ?? []) {
      for (const side of ['request', 'response'] as const) {
        const ref = fixture[side];
        if (ref === undefined || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) || ref.startsWith('/')) continue;
        const file = path.posix.normalize(path.posix.join(path.posix.dirname(consumer.file), ref));
        if (!file.startsWith(rootPrefix) || file.startsWith('../')) continue;
        const text = read.call(set, file);
        if (text === undefined) continue;
        const data = parseFixture(text, file);
        if ('error' in data) {
          problems.push({
            ...base,
            kind: side === 'request' ? 'fixture-request' : 'fixture-response',
            file,
            message: data.error,
          });
          continue;
        }
        const against: [ConsumerProblemKind, ResolvedSchema, string][] =
          side === 'request'
            ? [['fixture-request', version.input, `${version.endpoint} v${version.major} input`]]
            : [['fixture-response', version.output, `${version.endpoint} v${version.major} output`]];
        if (side === 'response' && expects !== undefined) {
          against.push(['fixture-expects', expects, `the \`expects\` schema of ${consumer.consumer.name}`]);
        }
        for (const [kind, schema, label] of against) {
          const compiled = compileResolved(schema);
          if ('error' in compiled) {
            problems.push({
              ...base,
              kind,
              file,
              message: `${side} fixture cannot be checked against ${label}: ${compiled.error}`,
            });
            continue;
          }
          const errors = validateWith(compiled, data.value, limit);
          if ('error' in errors) {
            problems.push({
              ...base,
              kind,
              file,
              message: `${side} fixture cannot be checked against ${label}: ${errors.error}`,
            });
            continue;
          }
          for (const error of errors) {
            const at = set.position(file, error.instancePath);
            const problem: ConsumerProblem = {
              ...base,
              kind,
              file,
              instancePath: error.instancePath,
              message: `${side} fixture of ${consumer.consumer.name} is not valid ${label}: ${instanceName(error.instancePath)} ${error.message}`,
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

function parseFixture(text: string, file: string): { value: unknown } | { error: string } {
  try {
    if (/\.ya?ml$/i.test(file)) return { value: parseYaml(text, { maxAliasCount: 100 }) as unknown };
    return { value: JSON.parse(text) as unknown };
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

/** `customers[0].email` for `/customers/0/email`; the whole value for ``. */
export function instanceName(pointer: string): string {
  if (pointer === '') return 'the value';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(token) ? `[${token}]` : out === '' ? token : `.${token}`;
  }
  return `\`${out}\``;
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
    for (const change of await unguaranteed(expects, version, opts)) {
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

function expectsProblem(
  set: ContractSet,
  consumer: LoadedConsumer,
  expects: ResolvedSchema,
  version: LoadedVersion,
  change: Change,
): ConsumerProblem {
  const name = consumer.consumer.name;
  const steps = fieldSteps(change.oldPath) ?? fieldSteps(change.path);
  const field = steps === undefined ? undefined : fieldName(steps);
  const what = field === undefined || field === '' ? 'the response' : `\`${field}\``;
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
    message: `${name} relies on ${what} as its \`expects\` schema describes it, but ${version.endpoint} v${version.major} output does not guarantee that: ${change.message} (${change.rule})`,
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
