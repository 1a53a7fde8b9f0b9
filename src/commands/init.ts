/** `contractguard init`: a starter contract tree, and what to do next. */
import * as path from 'node:path';

import { type FromOpenApiResult, initFromOpenApi } from '../scaffold/from-openapi.js';
import { DEFAULT_SCHEMA_BASE, initTreeWithSchemas } from '../scaffold/init.js';
import { type FromWindmillResult, initFromWindmill } from '../scaffold/from-windmill.js';
import { type CliIo, type Command, parseOptions, showedHelp, noArguments } from './common.js';
import { asUsageError, locateTree } from './tree-input.js';

const NAME = 'init';

const USAGE = `Usage: contractguard init [options]

Write a starter contract tree: contractguard.yaml, one endpoint with a v1
contract and its schemas, and one consumer. Existing files are never replaced.
With --from-openapi FILE: one endpoint per operation of that OpenAPI 3.0/3.1
document instead, each v1 contract taking its schemas from it.
With --from-windmill [DIR]: one endpoint per script of a Windmill workspace
synced to git, each v1 contract reading its script's metadata.

Options:
  --from-openapi FILE an OpenAPI document (YAML or JSON) to scaffold from
                        (copied under the contract root when outside it)
  --from-windmill [DIR]
                      a Windmill workspace synced to git (default .): one
                        endpoint per script, whose contract reads the script
                        (docs/windmill.md); the root is DIR/contracts
  --owner TEAM        with --from-windmill or --from-openapi: the endpoints'
                        owner (@org/team)
  --root DIR          contract root, relative to the current folder
                        (default: contracts at the top of the repository)
  --repo DIR          run as if in DIR (default: the current directory)
  --schemas URL|DIR   where editors find contractguard's file schemas, for
                        the files' \`# yaml-language-server: $schema=\` lines
                        (default: ${DEFAULT_SCHEMA_BASE} when
                        contractguard is installed there, else no such line)
  -h, --help          show this help
`;

export const initCommand: Command = {
  name: NAME,
  summary: 'Write a starter contract tree.',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const { values, positionals } = parseOptions(
      argv,
      {
        root: { type: 'string' },
        repo: { type: 'string' },
        schemas: { type: 'string' },
        'from-openapi': { type: 'string' },
        'from-windmill': { type: 'boolean' },
        owner: { type: 'string' },
      },
      NAME,
    );
    if (showedHelp(values, USAGE, io)) return 0;
    if (values['from-windmill'] === true) return initWindmill(values, positionals, io);
    noArguments(positionals, NAME);
    const { repo, root } = await asUsageError(() => locateTree(io, values.repo, values.root));
    const fromOpenApi = values['from-openapi'];
    if (fromOpenApi !== undefined) {
      const result = await asUsageError(() =>
        initFromOpenApi(
          repo,
          path.relative(repo, path.resolve(io.cwd, fromOpenApi)).split(path.sep).join('/'),
          {
            root,
            ...(values.owner === undefined ? {} : { owner: values.owner }),
            ...(values.schemas === undefined ? {} : { schemaBase: values.schemas }),
          },
        ),
      );
      io.stdout(renderFromOpenApi(result, root, values.root));
      return 0;
    }
    const { created, schemas } = await asUsageError(() =>
      initTreeWithSchemas(repo, {
        root,
        ...(values.schemas === undefined ? {} : { schemaBase: values.schemas }),
      }),
    );
    const rootFlag = values.root === undefined ? '' : ` --root ${values.root}`;
    const steps = [
      `make ${root}/hello-webhook/ one of your endpoints (rename the folder and its \`name\`; set \`owner\`, \`route\` and the two schemas), and add the others with \`npx contractguard add-endpoint NAME${rootFlag}\``,
      `list who calls them in ${root}/consumers/ (hello-cron.yaml shows how)`,
      `check the tree: npx contractguard check${rootFlag}`,
      'commit, and check every pull request: the Action (README, "The GitHub Action"), or `npx contractguard diff --base origin/main` in any CI',
    ];
    if (schemas === undefined) {
      steps.push(
        `for completion in your editor, \`npm install --save-dev contractguard\` and add \`# yaml-language-server: $schema=<path to ${DEFAULT_SCHEMA_BASE}>/contract.schema.json\` (and endpoint, consumer, contractguard) as the first line of those files`,
      );
    }
    io.stdout(
      `Created ${created.length} files under ${root}/:\n${created.map((f) => `  ${f}`).join('\n')}\n` +
        (schemas === undefined ? '' : `Editor schemas: ${schemas}\n`) +
        `\nNext steps:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`,
    );
    return 0;
  },
};

/** What `init --from-openapi` wrote, and what to do next. */
function renderFromOpenApi(result: FromOpenApiResult, root: string, typedRoot: string | undefined): string {
  const rootFlag = typedRoot === undefined ? '' : ` --root ${typedRoot}`;
  const lines = [
    `Created ${result.created.length} files under ${root}/ (contracts refer to ${result.document}):`,
    ...result.created.map((f) => `  ${f}`),
    '',
    'Endpoints:',
    ...result.endpoints.map((e) => `  ${e.name}  ${e.operation}`),
  ];
  if (result.skipped.length > 0) {
    lines.push('', 'Not scaffolded:', ...result.skipped.map((s) => `  ${s.operation}: ${s.reason}`));
  }
  lines.push(
    '',
    'Next steps:',
    `  1. set \`owner\` and check \`route\` in each endpoint.yaml`,
    `  2. check the tree: npx contractguard check${rootFlag}`,
    `  3. regenerate ${result.document} whenever the API changes; pull requests then show what changed (docs/openapi.md)`,
    '',
  );
  return lines.join('\n');
}

/** `init --from-windmill [DIR]`: parses, scaffolds (src/scaffold/from-windmill.ts), says what it wrote. */
async function initWindmill(
  values: { repo?: string | undefined; root?: string | undefined; owner?: string | undefined },
  positionals: string[],
  io: CliIo,
): Promise<number> {
  if (positionals.length > 1) noArguments(positionals.slice(1), NAME);
  const { repo, root } = await asUsageError(() => locateTree(io, values.repo, values.root));
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  const workspace = path.relative(repo, dir).split(path.sep).join('/') || '.';
  const result = await asUsageError(() =>
    initFromWindmill(repo, {
      workspace,
      ...(values.root === undefined ? {} : { root }),
      ...(values.owner === undefined ? {} : { owner: values.owner }),
    }),
  );
  io.stdout(renderFromWindmill(result, values.root));
  return 0;
}

function renderFromWindmill(result: FromWindmillResult, typedRoot: string | undefined): string {
  const shown = typedRoot ?? (result.root === 'contracts' ? undefined : result.root);
  const rootFlag = shown === undefined ? '' : ` --root ${shown}`;
  const lines = [
    `Created ${result.created.length} files under ${result.root}/ (each contract reads its Windmill script):`,
    ...result.created.map((f) => `  ${f}`),
    '',
    'Endpoints:',
    ...result.endpoints.map((e) => `  ${e.name}  ${e.script}`),
  ];
  if (result.skipped.length > 0)
    lines.push('', 'Not scaffolded:', ...result.skipped.map((s) => `  ${s.script}: ${s.reason}`));
  const steps = [
    ...(result.placeholderOwner
      ? [`set \`owner\` in each endpoint.yaml and contract.yaml (or rerun with --owner @org/team)`]
      : []),
    `check the tree: npx contractguard check${rootFlag}`,
    'write output schemas where callers read results (`output:` in each contract.yaml); until then output changes are not checked',
    'commit, and check every pull request: `npx contractguard diff --base origin/main` (flows, schedules and HTTP triggers calling a script are its consumers; docs/windmill.md)',
  ];
  lines.push('', 'Next steps:', ...steps.map((s, i) => `  ${i + 1}. ${s}`), '');
  return lines.join('\n');
}
