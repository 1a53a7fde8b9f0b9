/** `contractguard diff-openapi`: classify the changes between two OpenAPI 3.0 / 3.1 documents. */
import { statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

import type { Semantics } from '../diff/types.js';
import { diffOpenApi } from '../openapi/compare.js';
import { loadOpenApi } from '../openapi/read.js';
import type { OpenApiDocument } from '../openapi/types.js';
import { renderOpenApiJson } from '../report/openapi-json.js';
import { renderOpenApiMarkdown } from '../report/openapi-markdown.js';
import { renderOpenApiText } from '../report/openapi-text.js';
import { SchemaError } from '../schema/types.js';
import {
  type CliIo,
  type Command,
  existingDirectory,
  oneOf,
  parseOptions,
  showedHelp,
  UsageError,
} from './common.js';

const NAME = 'diff-openapi';
type Format = 'text' | 'json' | 'markdown';

const USAGE = `Usage: contractguard diff-openapi [options] OLD NEW

Compare two OpenAPI documents (3.0.x or 3.1.x, YAML or JSON) operation by
operation and classify every change as breaking, dangerous, additive or none
for the clients of the API. Operations pair by method and path template
(renaming a path parameter is not a change); parameters, request bodies and
security are judged as what the API accepts, responses as what it returns.

Arguments:
  OLD  the document before the change (e.g. from the base branch)
  NEW  the document after the change

Options:
  --semantics pragmatic|strict  pragmatic (default): properties a schema does
                                  not declare are outside the contract
                                strict: compare exactly the sets of values
                                  each schema admits
  --format text|json|markdown   output format (default: text)
  --root DIR                    directory $refs may resolve within (default:
                                  the directory of each document)
  -h, --help                    show this help

$refs to URLs are refused, never fetched.

Exit codes:
  0  the documents were compared (whatever the verdict)
  2  bad usage, or a document is missing or invalid
`;

export const diffOpenApiCommand: Command = {
  name: NAME,
  summary: 'Compare two OpenAPI 3.0/3.1 documents operation by operation and classify every change.',
  usage: USAGE,
  run: runDiffOpenApi,
};

async function runDiffOpenApi(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { semantics: { type: 'string' }, format: { type: 'string' }, root: { type: 'string' } },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  const semantics =
    oneOf<Semantics>(
      '--semantics',
      values.semantics ?? 'pragmatic',
      ['pragmatic', 'strict'],
      'pragmatic or strict',
      NAME,
    ) ?? 'pragmatic';
  const format =
    oneOf<Format>(
      '--format',
      values.format ?? 'text',
      ['text', 'json', 'markdown'],
      'text, json or markdown',
      NAME,
    ) ?? 'text';
  if (positionals.length !== 2) {
    throw new UsageError(
      `diff-openapi needs two OpenAPI documents, OLD and NEW, but got ${positionals.length}; ` +
        'usage: contractguard diff-openapi [options] OLD NEW',
    );
  }
  const [oldArg = '', newArg = ''] = positionals;
  const root =
    values.root === undefined
      ? undefined
      : existingDirectory(resolve(io.cwd, values.root), '--root', values.root);
  const before = load('OLD', oldArg, root, io.cwd);
  const after = load('NEW', newArg, root, io.cwd);
  const result = await diffOpenApi(before, after, { semantics });
  const labels = { semantics, oldLabel: oldArg, newLabel: newArg };
  io.stdout(
    format === 'json'
      ? renderOpenApiJson(result)
      : format === 'markdown'
        ? renderOpenApiMarkdown(result, labels)
        : renderOpenApiText(result, labels),
  );
  return 0;
}

/** Loads one side; every way a document can be unusable becomes one line that names it. */
function load(side: 'OLD' | 'NEW', typed: string, root: string | undefined, cwd: string): OpenApiDocument {
  const path = resolve(cwd, typed);
  let stat: Stats | undefined;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch {
    throw new UsageError(`${side}: cannot read ${typed}`);
  }
  if (stat === undefined) throw new UsageError(`${side}: no such file ${typed}`);
  if (stat.isDirectory()) throw new UsageError(`${side}: ${typed} is a directory, not an OpenAPI document`);
  const docRoot = root ?? dirname(path);
  const inside = relative(docRoot, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new UsageError(`${side}: ${typed} is outside --root ${relative(cwd, docRoot) || '.'}`);
  }
  try {
    return loadOpenApi(path, { root: docRoot });
  } catch (err) {
    if (err instanceof SchemaError) throw new UsageError(`${side}: ${err.message}`);
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw new UsageError(`${side}: cannot read ${typed}: ${code}`);
    throw err;
  }
}
