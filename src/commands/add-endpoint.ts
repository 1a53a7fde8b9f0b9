/** `contractguard add-endpoint NAME`: a new endpoint with its v1, in the contract tree. */

import { existsSync } from 'node:fs';
import * as path from 'node:path';

import { contractRootsIn } from '../load/root.js';
import { FsSource } from '../load/source.js';
import { addEndpoint, PLACEHOLDER_OWNER } from '../scaffold/add-endpoint.js';
import { type CliIo, type Command, helpHint, parseOptions, showedHelp, UsageError } from './common.js';
import { asUsageError, locateTree, missingRoot } from './tree-input.js';

const NAME = 'add-endpoint';

const USAGE = `Usage: contractguard add-endpoint NAME [options]

Add an endpoint to the contract tree: NAME/endpoint.yaml (owner, route,
aliases) and NAME/v1/ with contract.yaml and the request and response schemas,
ready to fill in. Existing files are never replaced.

Options:
  --owner @ORG/TEAM   who owns it and approves its breaking changes
                        (default: a placeholder to replace)
  --route ROUTE       its route, with {major} (default: /internal/<name>/v{major})
  --root DIR          contract root, relative to the current folder
                        (default: contracts at the top of the repository)
  --repo DIR          run as if in DIR (default: the current directory)
  --schemas URL|DIR   where editors find contractguard's file schemas
                        (default: those the tree's endpoints use, else the
                        installed package's, else none)
  -h, --help          show this help

Exit codes:
  0  the endpoint was written
  2  bad usage, a name that is taken, or a --root that holds no tree
`;

export const addEndpointCommand: Command = {
  name: NAME,
  summary: 'Add an endpoint (endpoint.yaml and a v1 to fill in) to the contract tree.',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const { values, positionals } = parseOptions(
      argv,
      {
        owner: { type: 'string' },
        route: { type: 'string' },
        root: { type: 'string' },
        repo: { type: 'string' },
        schemas: { type: 'string' },
      },
      NAME,
    );
    if (showedHelp(values, USAGE, io)) return 0;
    const [name, ...extra] = positionals;
    if (name === undefined)
      throw new UsageError(`add-endpoint needs the endpoint's NAME, e.g. sync-customers; ${helpHint(NAME)}`);
    if (extra.length > 0)
      throw new UsageError(`add-endpoint takes one NAME, got also ${extra[0]}; ${helpHint(NAME)}`);
    const location = await asUsageError(() => locateTree(io, values.repo, values.root));
    const { repo, root } = location;
    // A --root that does not exist starts a new tree only where the repository has none: otherwise it is
    // most likely a typo, and the endpoint would land in a tree no check reads.
    if (!existsSync(path.join(repo, root)) && (await contractRootsIn(new FsSource(repo))).length > 0) {
      throw new UsageError((await missingRoot(location, `in ${repo}`, new FsSource(repo))).message);
    }
    const result = await asUsageError(() =>
      addEndpoint(repo, name, {
        root,
        ...(values.owner === undefined ? {} : { owner: values.owner }),
        ...(values.route === undefined ? {} : { route: values.route }),
        ...(values.schemas === undefined ? {} : { schemaBase: values.schemas }),
      }),
    );
    const folder = `${root === '.' ? '' : `${root}/`}${name}`;
    const steps = [
      ...(result.placeholderOwner
        ? [
            `set \`owner\` in ${folder}/endpoint.yaml and v1/contract.yaml (now ${PLACEHOLDER_OWNER}): the GitHub team or user that approves its breaking changes`,
          ]
        : []),
      `describe the request in ${folder}/v1/input.schema.json and the response in v1/output.schema.json (JSON Schema)`,
      `fill in the TODOs of ${folder}/v1/contract.yaml: what it writes, whether it is idempotent, its timeout, errors and roles`,
      `register its callers in ${root === '.' ? '' : `${root}/`}consumers/<caller>.yaml, so a change that breaks them says so`,
      `check the tree: npx contractguard check${values.root === undefined ? '' : ` --root ${values.root}`}`,
    ];
    io.stdout(
      `Added endpoint ${name} (v1) under ${folder}/:\n${result.created.map((f) => `  ${f}`).join('\n')}\n\n` +
        `Next steps:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`,
    );
    return 0;
  },
};
