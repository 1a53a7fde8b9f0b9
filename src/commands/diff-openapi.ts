/** `contractguard diff-openapi`: classify the changes between two OpenAPI 3.0 / 3.1 documents. */
import { resolve } from 'node:path';

import { diffOpenApi } from '../openapi/compare.js';
import { loadOpenApi } from '../openapi/read.js';
import type { OpenApiDocument } from '../openapi/types.js';
import { renderOpenApiJson } from '../report/openapi-json.js';
import { renderOpenApiMarkdown } from '../report/openapi-markdown.js';
import { renderOpenApiText } from '../report/openapi-text.js';
import {
  type CliIo,
  type Command,
  existingDirectory,
  parseOptions,
  showedHelp,
  UsageError,
} from './common.js';
import { loadSide, semanticsAndFormat, type Side } from './two-files.js';

const NAME = 'diff-openapi';

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
  const { semantics, format } = semanticsAndFormat(values, NAME);
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
function load(side: Side, typed: string, root: string | undefined, cwd: string): OpenApiDocument {
  return loadSide(side, typed, root, cwd, {
    what: 'an OpenAPI document',
    read: (path, docRoot) => loadOpenApi(path, { root: docRoot }),
    invalid: (err) => `${side}: ${err.message}`,
  });
}
