/** Shared by the example-tree and init tests: JSON Schema validation of a contract tree's files with ajv. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { jsonSchemaOf, type FileKind } from '../../src/model/schemas.js';
import {
  formatProblem,
  parseConsumerFile,
  parseContractFile,
  parseEndpointFile,
  parsePolicyFile,
} from '../../src/model/validate.js';

// ajv-formats is CommonJS: its module object is the plugin, with itself as `.default`.
const addFormats = formatsModule.default;

/** Every file under `dir`, relative to it, posix, sorted. */
export function walk(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

export function readYaml(file: string): Record<string, unknown> {
  return parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * An ajv (draft 2020-12, formats checked) that knows every `*.schema.json` under `dir` by its file URL, so
 * relative `$ref`s between files resolve as they do in contractguard's own resolver.
 */
export function schemaValidator(dir: string): (schemaFile: string, data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const url = (file: string): string => pathToFileURL(path.resolve(file)).href;
  for (const rel of walk(dir).filter((f) => f.endsWith('.schema.json'))) {
    const file = path.join(dir, rel);
    ajv.addSchema(readJson(file) as object, url(file));
  }
  const compiled = new Map<string, ValidateFunction>();
  return (schemaFile, data) => {
    const key = url(schemaFile);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.getSchema(key);
      if (!validate) throw new Error(`no schema ${schemaFile}`);
      compiled.set(key, validate);
    }
    return validate(data) ? [] : (validate.errors ?? []).map(describe);
  };
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
}

/** The target of a `{ $ref: ./x }` field, as a path next to `file`. */
export function refPath(file: string, value: unknown): string {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string') throw new Error(`${file}: expected { $ref: … }, got ${JSON.stringify(value)}`);
  return path.resolve(path.dirname(file), ref);
}

/** The `$schema=` target of the yaml-language-server comment on a YAML file's first line, resolved. */
export function languageServerSchema(file: string): string | undefined {
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  return match?.[1] === undefined ? undefined : path.resolve(path.dirname(file), match[1]);
}

/**
 * Every YAML file of a contract tree through contractguard's own validator (with the folder context the
 * loader gives it), and through the published JSON Schema editors use: the problems, as lines.
 */
export function treeFileProblems(root: string): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const editorSchemas = new Map<FileKind, ValidateFunction>();
  const problems: string[] = [];
  for (const rel of walk(root).filter((f) => f.endsWith('.yaml'))) {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const parts = rel.split('/');
    const kind = fileKind(rel);
    const result =
      kind === 'contractguard'
        ? parsePolicyFile(text, rel)
        : kind === 'endpoint'
          ? parseEndpointFile(text, rel, { name: parts[0] })
          : kind === 'consumer'
            ? parseConsumerFile(text, rel, { name: parts[1]?.replace(/\.yaml$/, '') })
            : parseContractFile(text, rel, { endpoint: parts[0], major: Number(parts[1]?.slice(1)) });
    problems.push(...result.problems.map(formatProblem));
    const editorSchema = editorSchemas.get(kind) ?? ajv.compile(jsonSchemaOf(kind));
    editorSchemas.set(kind, editorSchema);
    if (!editorSchema(parse(text))) {
      problems.push(...(editorSchema.errors ?? []).map((e) => `${rel} (editor schema): ${describe(e)}`));
    }
  }
  return problems;
}

export function fileKind(rel: string): FileKind {
  if (rel === 'contractguard.yaml' || rel.endsWith('/contractguard.yaml')) return 'contractguard';
  if (rel.startsWith('consumers/')) return 'consumer';
  return rel.endsWith('/endpoint.yaml') ? 'endpoint' : 'contract';
}
