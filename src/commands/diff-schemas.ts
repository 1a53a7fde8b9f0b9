/** `contractguard diff-schemas`: classify the changes between two schema files. */
import { relative, resolve } from 'node:path';

import { diffSchemas } from '../diff/index.js';
import { wantsCounterexample } from '../evidence/inclusion.js';
import type { DiffResult, Direction } from '../diff/types.js';
import { renderJson } from '../report/diff-json.js';
import { renderMarkdown } from '../report/diff-markdown.js';
import { renderText } from '../report/diff-text.js';
import { loadSchemaFile } from '../schema/load.js';
import { SchemaError, type ResolvedSchema } from '../schema/types.js';
import {
  type CliIo,
  type Command,
  existingDirectory,
  helpHint,
  oneOf,
  parseOptions,
  UsageError,
  showedHelp,
} from './common.js';
import { loadSide, semanticsAndFormat, type Side } from './two-files.js';

const NAME = 'diff-schemas';
const DIRECTION_HINT = 'input (requests the endpoint accepts) or output (responses it returns)';

const USAGE = `Usage: contractguard diff-schemas --direction input|output [options] OLD NEW

Compare two JSON Schema files and classify every change as breaking,
dangerous, additive or none, for the clients of the endpoint.

Arguments:
  OLD  the schema before the change (e.g. from the base branch)
  NEW  the schema after the change

Options:
  --direction input|output      required: what the schema describes
                                  input:  requests the endpoint accepts
                                  output: responses it returns
  --semantics pragmatic|strict  pragmatic (default): properties a schema does
                                  not declare are outside the contract
                                strict: compare exactly the sets of values
                                  each schema admits
  --format text|json|markdown   output format (default: text)
  --root DIR                    directory $refs may resolve within (default:
                                  the directory of each schema file)
  -h, --help                    show this help

Exit codes:
  0  the schemas were compared (whatever the verdict)
  2  bad usage, or a schema file is missing or invalid
`;

export const diffSchemasCommand: Command = {
  name: NAME,
  summary:
    'Compare two JSON Schema files and classify every change as breaking, dangerous, additive or none.',
  usage: USAGE,
  run: runDiffSchemas,
};

async function runDiffSchemas(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      direction: { type: 'string' },
      semantics: { type: 'string' },
      format: { type: 'string' },
      root: { type: 'string' },
    },
    'diff-schemas',
  );
  if (showedHelp(values, USAGE, io)) return 0;
  const direction = oneOf<Direction>(
    '--direction',
    values.direction,
    ['input', 'output'],
    DIRECTION_HINT,
    NAME,
  );
  const { semantics, format } = semanticsAndFormat(values, NAME);
  if (direction === undefined)
    throw new UsageError(`--direction is required: ${DIRECTION_HINT}; ${helpHint(NAME)}`);
  if (positionals.length !== 2) {
    throw new UsageError(
      `diff-schemas needs two schema files, OLD and NEW, but got ${positionals.length}; ` +
        'usage: contractguard diff-schemas --direction input|output [options] OLD NEW',
    );
  }
  const [oldArg = '', newArg = ''] = positionals;

  const root =
    values.root === undefined
      ? undefined
      : existingDirectory(resolve(io.cwd, values.root), '--root', values.root);
  const oldSchema = load('OLD', oldArg, root, io.cwd);
  const newSchema = load('NEW', newArg, root, io.cwd);

  // Every change that breaks set inclusion carries an instance proving it, verified against both schemas.
  // The search (ajv, instance generation) is loaded only when some change wants one: the others start fast.
  const diffed = await diffSchemas(oldSchema, newSchema, { direction, semantics });
  const result: DiffResult = diffed.changes.some((c) => wantsCounterexample(c, direction))
    ? (await import('../evidence/attach.js')).withCounterexamples(diffed, oldSchema, newSchema, direction)
    : diffed;
  const labels = {
    direction,
    semantics,
    oldLabel: oldArg,
    newLabel: newArg,
    schemaFiles: [oldSchema.file, newSchema.file],
  };
  io.stdout(
    format === 'json'
      ? renderJson(result)
      : format === 'markdown'
        ? renderMarkdown(result, labels)
        : renderText(result, labels),
  );
  return 0;
}

function load(side: Side, typed: string, root: string | undefined, cwd: string): ResolvedSchema {
  return loadSide(side, typed, root, cwd, {
    what: 'a schema file',
    read: (path, schemaRoot) => loadSchemaFile(path, { root: schemaRoot }),
    invalid: (err, schemaRoot) => locate(err, schemaRoot, cwd),
  });
}

/**
 * A SchemaError names its file relative to the schema root, which by default is the file's own directory;
 * two sides both called `schema.json` would be indistinguishable. Name the file as seen from the working directory.
 */
function locate(err: SchemaError, schemaRoot: string, cwd: string): string {
  if (err.file === '' || !err.message.startsWith(err.file)) return err.message;
  const shown = relative(cwd, resolve(schemaRoot, err.file)) || err.file;
  return shown + err.message.slice(err.file.length);
}
