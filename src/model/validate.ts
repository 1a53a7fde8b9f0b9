/**
 * Parsing and validation of the contract tree's YAML files. Nothing here throws on bad input: every
 * problem is a `TreeProblem` naming the file, line, column and field, and saying what to do.
 *
 * The YAML is parsed strictly (one document, unique keys, no aliases, no unknown tags), checked against the
 * zod schemas of `schemas.ts`, and then against what the schema cannot know: the folder the file is in.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import {
  consumerFileSchema,
  contractFileSchema,
  endpointFileSchema,
  policyFileSchema,
  SEMVER_PATTERN,
} from './schemas.js';
import { lookupNode, positionAt, startOf, type LocatedDocument } from './position.js';
import { carryWrittenTree, recordRoundedIntegers } from '../schema/numbers.js';
import { MAYBE_LARGE_INTEGER } from '../schema/read.js';
import { describeYamlError } from '../schema/yaml-errors.js';
import { closest } from '../schema/spelling.js';
import type { ConsumerFile, ContractFile, EndpointFile, PolicyFile, TreeProblem } from './types.js';

export { closest };

export interface ParseResult<T> {
  /**
   * The file's content when it parses and matches its schema. Checks beyond the schema (the folder it is
   * in, real dates) may still have added problems: the value is usable, the tree is not clean.
   */
  value?: T;
  problems: TreeProblem[];
}

/** Where a contract.yaml sits: `<endpoint>/v<major>/contract.yaml`. */
export interface ContractContext {
  endpoint?: string;
  major?: number;
}

/** Where an endpoint.yaml sits: `<name>/endpoint.yaml`. */
export interface EndpointContext {
  name?: string;
}

/** Where a consumer file sits: `consumers/<name>.yaml`. */
export interface ConsumerContext {
  name?: string;
}

type Path = (string | number)[];

/** "`contracts/a/v1/contract.yaml`:4:10 `version` must be semver (e.g. 3.2.0), found "3.2"". */
export function formatProblem(problem: TreeProblem): string {
  const where =
    problem.line === undefined
      ? ''
      : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return `\`${problem.file}\`${where} ${problem.message}`;
}

/**
 * A problem's message with its field named once: `` `owner` is required ``, never
 * `` `owner` `owner` is required ``. The field is put in front only when the message does not already name
 * it, the field it is in, or its last part (`` alias `prod` `` for `aliases.prod`).
 */
export function problemMessage(problem: Pick<TreeProblem, 'field' | 'message'>): string {
  const { field, message } = problem;
  if (field === undefined || field === '' || mentionsField(message, field)) return message;
  return `\`${field}\`: ${message}`;
}

/** Whether `message` names `field` (`deprecation.date`), a field it is in (`deprecation`) or its last part (`date`) in backticks. */
export function mentionsField(message: string, field: string): boolean {
  const names = new Set<string>([field]);
  for (let i = 1; i < field.length; i++)
    if (field[i] === '.' || field[i] === '[') names.add(field.slice(0, i));
  const last = /(?:^|\.)([^.[\]]+)$/.exec(field)?.[1];
  if (last !== undefined) names.add(last);
  return [...names].some((name) => message.includes(`\`${name}\``));
}

/** `contract.yaml` (`file` is `<endpoint>/v<N>/contract.yaml` relative to the repository root). */
export function parseContractFile(
  text: string,
  file: string,
  context: ContractContext = {},
): ParseResult<ContractFile> {
  return parseFile(text, file, contractFileSchema, (value, report) => checkContract(value, context, report));
}

/** `endpoint.yaml`. */
export function parseEndpointFile(
  text: string,
  file: string,
  context: EndpointContext = {},
): ParseResult<EndpointFile> {
  return parseFile(text, file, endpointFileSchema, (value, report) => checkEndpoint(value, context, report));
}

/** `consumers/<name>.yaml`. */
export function parseConsumerFile(
  text: string,
  file: string,
  context: ConsumerContext = {},
): ParseResult<ConsumerFile> {
  return parseFile(text, file, consumerFileSchema, (value, report) => checkConsumer(value, context, report));
}

/** `contractguard.yaml` (the values as written; merging over `DEFAULT_POLICY` is the loader's). */
export function parsePolicyFile(text: string, file: string): ParseResult<PolicyFile> {
  return parseFile(text, file, policyFileSchema, () => undefined);
}

// ---- checks beyond the schema -------------------------------------------------------------------------

/** Reports a problem about the field at `path` (positioned at its value). */
type Report = (path: Path, message: string) => void;

function checkContract(value: ContractFile, context: ContractContext, report: Report): void {
  const semver = SEMVER_PATTERN.exec(value.version);
  const major = semver ? Number(semver[1]) : undefined;
  if (context.major !== undefined && major !== undefined && major !== context.major) {
    report(
      ['version'],
      major === 0
        ? `\`version\` ${value.version} is in folder v${context.major}: majors start at 1; this folder holds ${context.major}.x.y`
        : `\`version\` ${value.version} is in folder v${context.major}: a major version lives in its own folder \`v${major}/\``,
    );
  }
  if (context.endpoint !== undefined && value.endpoint !== context.endpoint) {
    report(
      ['endpoint'],
      `\`endpoint\` is "${value.endpoint}" but the folder is \`${context.endpoint}/\`: they must match (rename one of them)`,
    );
  }
  if (value.deprecation !== undefined) {
    const problem = dateProblem(value.deprecation.date);
    if (problem) report(['deprecation', 'date'], `\`deprecation.date\` ${value.deprecation.date} ${problem}`);
    const replacement = value.deprecation.replacement;
    const own = context.major ?? major;
    if (replacement !== undefined && own !== undefined && replacement <= own) {
      report(
        ['deprecation', 'replacement'],
        `\`deprecation.replacement\` ${replacement} must be a newer major than this one (${own})`,
      );
    }
  }
  const pagination = value.operational?.pagination;
  if (
    pagination?.defaultPageSize !== undefined &&
    pagination.maxPageSize !== undefined &&
    pagination.defaultPageSize > pagination.maxPageSize
  ) {
    report(
      ['operational', 'pagination', 'defaultPageSize'],
      `\`operational.pagination.defaultPageSize\` ${pagination.defaultPageSize} is larger than \`maxPageSize\` ${pagination.maxPageSize}`,
    );
  }
  checkWindmillRefs(value, report);
  checkSchemaSource(value, report);
  const codes = new Map<string, number>();
  (value.errors ?? []).forEach((error, index) => {
    const first = codes.get(error.code);
    if (first === undefined) codes.set(error.code, index);
    else
      report(
        ['errors', index, 'code'],
        `\`errors[${index}].code\` ${error.code} is listed twice (also \`errors[${first}]\`): each code once`,
      );
  });
}

/** The two schemas come from `input` and `output`, or from `openapi`: one way, not both. */
function checkSchemaSource(value: ContractFile, report: Report): void {
  if (value.openapi !== undefined) {
    const both = (['input', 'output'] as const).filter((side) => value[side] !== undefined);
    if (both.length > 0) {
      report(
        [both[0] as string],
        `\`openapi\` takes the place of \`input\` and \`output\`: remove \`${both.join('` and `')}\`, or remove \`openapi\``,
      );
    }
    return;
  }
  for (const side of ['input', 'output'] as const) {
    if (value[side] === undefined) {
      report(
        [],
        `\`${side}\` is required: a JSON Schema (\`{ $ref: ./${side}.schema.json }\` or inline), or \`openapi: { $ref, operation }\` in place of \`input\` and \`output\``,
      );
    }
  }
}

/** A Windmill script path: `f/<folder>/<name>` or `u/<user>/<name>`, nested folders allowed. */
const WINDMILL_PATH = /^[fug]\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;

/** `input: { windmill: f/… }` names a script path; `output` cannot (Windmill scripts declare none). */
function checkWindmillRefs(value: ContractFile, report: Report): void {
  for (const side of ['input', 'output'] as const) {
    const ref = value[side];
    if (typeof ref !== 'object' || Object.keys(ref).length !== 1 || !('windmill' in ref)) continue;
    const script = String(ref.windmill);
    if (side === 'output') {
      report(
        ['output', 'windmill'],
        '`output` cannot be read from Windmill: a script declares no output schema; write one (or `output: true` to skip output checks)',
      );
    } else if (!WINDMILL_PATH.test(script) || script.split('/').some((part) => /^\.+$/.test(part))) {
      report(
        ['input', 'windmill'],
        `\`input.windmill\` ${JSON.stringify(script)} is not a Windmill script path: write it as in the workspace, e.g. f/crm/sync_customers`,
      );
    }
  }
}

function checkEndpoint(value: EndpointFile, context: EndpointContext, report: Report): void {
  if (context.name !== undefined && value.name !== context.name) {
    report(
      ['name'],
      `\`name\` is "${value.name}" but the folder is \`${context.name}/\`: they must match (rename one of them)`,
    );
  }
  const promote = value.canary?.promote?.alias;
  if (promote !== undefined && !Object.prototype.hasOwnProperty.call(value.aliases ?? {}, promote)) {
    const known = Object.keys(value.aliases ?? {});
    report(
      ['canary', 'promote', 'alias'],
      `\`canary.promote.alias\` "${promote}" is not an alias of this endpoint; ${
        known.length > 0 ? `aliases: ${known.join(', ')}` : `add it under \`aliases\``
      }`,
    );
  }
}

function checkConsumer(value: ConsumerFile, context: ConsumerContext, report: Report): void {
  if (context.name !== undefined && value.name !== context.name) {
    report(
      ['name'],
      `\`name\` is "${value.name}" but the file is \`${context.name}.yaml\`: they must match (rename one of them)`,
    );
  }
  const seen = new Map<string, number>();
  value.uses.forEach((use, index) => {
    const id = `${use.endpoint}@${use.version}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      report(
        ['uses', index],
        `\`uses[${index}]\` repeats ${use.endpoint} v${use.version} (also \`uses[${first}]\`): list each major once`,
      );
    (use.fixtures ?? []).forEach((fixture, f) => {
      for (const side of ['request', 'response'] as const) {
        const ref = fixture[side];
        if (ref !== undefined && (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) || ref.startsWith('/'))) {
          report(
            ['uses', index, 'fixtures', f, side],
            `\`uses[${index}].fixtures[${f}].${side}\` must be a path relative to this file (e.g. ./fixtures/request.json), found "${ref}"`,
          );
        }
      }
    });
  });
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Why a `YYYY-MM-DD` string is not a real date, or `undefined` when it is one. */
export function dateProblem(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `is not a real date: there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    return `is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  }
  return undefined;
}

// ---- parsing -------------------------------------------------------------------------------------------

const YAML_OPTIONS = {
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  merge: false,
  stringKeys: true,
} as const;

function parseFile<T>(
  rawText: string,
  file: string,
  schema: z.ZodType<T>,
  check: (value: T, report: Report) => void,
): ParseResult<T> {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const problems: TreeProblem[] = [];
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  } catch (error) {
    // The composer recurses once per nesting level: only absurd nesting gets here.
    const reason = error instanceof RangeError ? 'it nests too deeply' : String(error);
    return { problems: [{ file, message: `cannot parse the file as YAML: ${reason}` }] };
  }
  const located: LocatedDocument = { doc, lineCounter };
  const at = (offset: number | undefined): { line: number; column: number } => {
    const { line, column } = positionAt(located, file, offset ?? 0);
    return { line, column };
  };

  // The first syntax error is the mistake to fix; the parser's later ones mostly follow from it. Duplicate
  // keys are each a mistake of their own.
  const syntax = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  for (const error of [...doc.errors, ...doc.warnings]) {
    if (error.code !== 'DUPLICATE_KEY' && doc.errors.includes(error) && error !== syntax) continue;
    const { offset, message } = yamlErrorMessage(located, text, error);
    problems.push({ file, ...at(offset), message });
  }
  // An alias needs a `*`: most files have none and need no walk.
  if (text.includes('*')) {
    visit(doc, {
      Alias(_, alias) {
        problems.push({
          file,
          ...at(startOf(alias)),
          message: `YAML aliases (\`*${alias.source}\`) are not allowed in a contractguard file: write the value out`,
        });
        return visit.SKIP;
      },
    });
  }
  if (problems.length > 0) return { problems };

  let data: unknown;
  let rounded = 0;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
    // Integers beyond 2^53 (in an inline schema) were rounded: read them again exactly to record them.
    if (MAYBE_LARGE_INTEGER.test(text)) {
      const exact = parseDocument(text, { ...YAML_OPTIONS, intAsBigInt: true }).toJS({ maxAliasCount: 0 });
      rounded = recordRoundedIntegers(data, exact);
    }
  } catch (error) {
    return {
      problems: [
        { file, message: `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }

  // Before zod: it drops a `__proto__` key from a mapping without a word.
  problems.push(...reservedKeyProblems(data, schema, located, file));

  const result = schema.safeParse(data, { error: genericMessage });
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push(...issueProblems(issue, data, located, file, schema));
    return { problems: sortProblems(problems) };
  }
  // zod rebuilt the mappings it checked: the records of rounded numbers go to its copies.
  if (rounded > 0) carryWrittenTree(data, result.data);
  check(result.data, (path, message) => {
    const { node } = lookupNode(doc, path);
    problems.push({ file, ...at(startOf(node)), field: fieldName(path), message });
  });
  return { value: result.data, problems: sortProblems(problems) };
}

/**
 * Names that JavaScript objects give a meaning of their own (`__proto__`, `constructor`, `toString`, …, and
 * `prototype`). Never accepted as an alias: wherever a name is used as a key of a plain object, one of these
 * reads as a built-in or, for `__proto__`, vanishes.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

/** Paths of the fields that hold a JSON Schema: below them, keys are property names and keywords. */
function isSchemaField(path: Path): boolean {
  return (
    (path.length === 1 && (path[0] === 'input' || path[0] === 'output')) ||
    (path.length === 3 && path[0] === 'uses' && typeof path[1] === 'number' && path[2] === 'expects')
  );
}

/**
 * Keys the file must not use, at their key: an alias with a reserved name, and `__proto__` in any mapping
 * whose keys are names (`aliases`, `rules`, the top of an inline schema), which zod would otherwise drop
 * silently. Fixed mappings are left to the schema ("unknown field `__proto__`"), and nothing inside an
 * inline schema below its top is looked at: there `__proto__` is a property name like any other.
 */
function reservedKeyProblems(
  data: unknown,
  schema: z.ZodType,
  located: LocatedDocument,
  file: string,
): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const stack: { value: unknown; path: Path }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Path };
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    const keys = Object.keys(value);
    const named = keys.includes('__proto__') && allowedKeys(schema, path) === undefined;
    const isAliases = path.length === 1 && path[0] === 'aliases';
    for (const key of keys) {
      const keyPath = [...path, key];
      let message: string | undefined;
      if (isAliases && RESERVED_NAMES.has(key)) {
        message = `alias \`${key}\`: this name is reserved (JavaScript objects give it a meaning of their own); pick another`;
      } else if (key === '__proto__' && named) {
        const where = path.length === 0 ? '' : ` in \`${fieldName(path)}\``;
        message = `key \`__proto__\`${where}: this name is reserved (JavaScript objects give it a meaning of their own); rename or remove it`;
      }
      if (message !== undefined) {
        const { node, key: keyNode, exact } = lookupNode(located.doc, keyPath);
        const { line, column } = positionAt(located, file, startOf(exact ? (keyNode ?? node) : node) ?? 0);
        problems.push({ file, line, column, field: fieldName(keyPath), message });
      }
      if (!isSchemaField(path)) stack.push({ value: (value as Record<string, unknown>)[key], path: keyPath });
    }
  }
  return problems;
}

function sortProblems(problems: TreeProblem[]): TreeProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** What to say about a parser error, and where: the mistake's place, which may precede the parser's. */
function yamlErrorMessage(
  located: LocatedDocument,
  text: string,
  error: { code: string; message: string; pos: [number, number] },
): { offset: number; message: string } {
  const offset = error.pos[0];
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const duplicate = duplicateKeyAt(located, offset);
      if (duplicate) {
        const first = duplicate.firstLine === undefined ? '' : ` (first on line ${duplicate.firstLine})`;
        return {
          offset,
          message: `duplicate key \`${duplicate.key}\`${first}: each field may appear once; remove one of them`,
        };
      }
      return { offset, message: 'duplicate key: each field may appear once; remove one of them' };
    }
    case 'MULTIPLE_DOCS':
      return {
        offset,
        message: 'the file holds several YAML documents (separated by `---`); a contractguard file holds one',
      };
    case 'TAG_RESOLVE_FAILED': {
      const tag = /tag:?\s*(\S+)/i.exec(error.message)?.[1];
      return {
        offset,
        message: `unknown YAML tag${tag ? ` \`${tag}\`` : ''}: contractguard files hold plain data; remove the tag`,
      };
    }
    default: {
      const mistake = describeYamlError(text, error);
      return { offset: mistake.offset, message: `invalid YAML: ${mistake.message}` };
    }
  }
}

/** The duplicated key whose node starts at `offset`, and the line of its first occurrence. */
function duplicateKeyAt(
  located: LocatedDocument,
  offset: number,
): { key: string; firstLine?: number } | undefined {
  let found: { key: string; firstLine?: number } | undefined;
  visit(located.doc, {
    Map(_, map) {
      const pair = map.items.find((item) => isScalar(item.key) && startOf(item.key) === offset);
      if (pair === undefined || !isScalar(pair.key)) return undefined;
      const key = String(pair.key.value);
      const earlier = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const firstOffset = earlier && earlier !== pair ? startOf(earlier.key as Node) : undefined;
      found = { key };
      if (firstOffset !== undefined) found.firstLine = located.lineCounter.linePos(firstOffset).line;
      return visit.BREAK;
    },
  });
  return found;
}

// ---- zod issues → problems ----------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

const TYPE_PHRASES: Record<string, string> = {
  string: 'must be a string',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  object: 'must be a mapping (key: value lines)',
  record: 'must be a mapping (key: value lines)',
  array: 'must be a list',
};

/** Messages for issues whose schema did not set its own (the schema's take precedence). */
const genericMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_PHRASES[issue.expected] ?? `must be ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must list at most ${String(issue.maximum)}`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `must match ${issue.pattern}`
        : `must be a ${issue.format}`;
    default:
      return undefined;
  }
};

function issueProblems(
  issue: Issue,
  data: unknown,
  located: LocatedDocument,
  file: string,
  schema: z.ZodType,
): TreeProblem[] {
  const path = issue.path.map((token) => (typeof token === 'number' ? token : String(token)));
  const at = (node: Node | undefined): { line: number; column: number } => {
    const { line, column } = positionAt(located, file, startOf(node) ?? 0);
    return { line, column };
  };

  if (issue.code === 'unrecognized_keys') {
    const { node: parent } = lookupNode(located.doc, path);
    const allowed = allowedKeys(schema, path);
    return issue.keys.map((key) => {
      const pair = isMap(parent)
        ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
        : undefined;
      const keyNode = pair && isScalar(pair.key) ? pair.key : parent;
      const where = path.length > 0 ? ` in \`${fieldName(path)}\`` : '';
      const guess = allowed ? closest(key, allowed) : undefined;
      const hint = guess
        ? `; did you mean \`${guess}\`?`
        : allowed && allowed.length > 0
          ? `; allowed: ${allowed.join(', ')}`
          : '';
      return {
        file,
        ...at(keyNode),
        field: fieldName([...path, key]),
        message: `unknown field \`${key}\`${where}${hint}`,
      };
    });
  }

  if (issue.code === 'invalid_key') {
    const key = path[path.length - 1];
    const parentPath = path.slice(0, -1);
    const { node: parent } = lookupNode(located.doc, parentPath);
    const pair = isMap(parent)
      ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key))
      : undefined;
    const inner = issue.issues[0]?.message ?? issue.message;
    return [
      {
        file,
        ...at(pair && isScalar(pair.key) ? pair.key : parent),
        field: fieldName(path),
        message: `\`${fieldName(parentPath)}\` key "${String(key)}" ${inner}`,
      },
    ];
  }

  const lookup = lookupNode(located.doc, path);
  const field = fieldName(path);
  if (!presentAt(data, path)) {
    // A missing field: point at the mapping that should hold it.
    return [
      { file, ...at(lookup.node), field, message: `${subject(path, file)} is required and ${issue.message}` },
    ];
  }
  let message = `${subject(path, file)} ${issue.message}`;
  if (issue.code === 'invalid_value') {
    const input = valueAt(data, path);
    const guess = typeof input === 'string' ? closest(input, issue.values.map(String)) : undefined;
    if (guess) message += ` (did you mean ${guess}?)`;
  }
  return [{ file, ...at(lookup.node), field, message: `${message}, found ${found(lookup.node)}` }];
}

/** How a field is named in messages: `` `deprecation.date` ``, or the file for the whole document. */
function subject(path: Path, file: string): string {
  return path.length === 0 ? `\`${file.slice(file.lastIndexOf('/') + 1)}\`` : `\`${fieldName(path)}\``;
}

/** `deprecation.date`, `errors[0].code`, `rules["a.b"]`. */
export function fieldName(path: readonly (string | number)[]): string {
  let out = '';
  for (const token of path) {
    if (typeof token === 'number') out += `[${token}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(token)) out += out === '' ? token : `.${token}`;
    else out += `[${JSON.stringify(token)}]`;
  }
  return out;
}

/** What the file holds at a node, for "found …": the source text of a scalar, or its kind. */
function found(node: Node | undefined): string {
  if (node === undefined) return 'an empty file';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  if (isScalar(node)) {
    if (node.value === null && (node.source === undefined || node.source === '')) return 'nothing';
    const text = String(node.source ?? node.value);
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  }
  return 'something else';
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const token of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[token];
  }
  return current;
}

function presentAt(data: unknown, path: Path): boolean {
  let current = data;
  for (const token of path) {
    if (typeof current !== 'object' || current === null) return false;
    if (!Object.prototype.hasOwnProperty.call(current, token)) return false;
    current = (current as Record<string | number, unknown>)[token];
  }
  return current !== undefined;
}

/** The keys a strict object schema at `path` allows (undefined when the path does not lead to one). */
function allowedKeys(schema: z.ZodType, path: Path): string[] | undefined {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (s as { _zod?: { def?: { type?: string; innerType?: unknown } } })._zod?.def;
      if (
        def &&
        (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') &&
        def.innerType
      ) {
        s = def.innerType;
      } else break;
    }
    return s;
  };
  for (const token of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return undefined;
    if (def['type'] === 'object' && typeof token === 'string') {
      current = (def['shape'] as Record<string, unknown>)[token];
    } else if (def['type'] === 'array' && typeof token === 'number') {
      current = def['element'];
    } else if (def['type'] === 'record') {
      current = def['valueType'];
    } else return undefined;
    if (current === undefined) return undefined;
  }
  const def = (unwrap(current) as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  return def?.['type'] === 'object' ? Object.keys(def['shape'] as Record<string, unknown>) : undefined;
}
