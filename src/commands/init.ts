/** `contractguard init`: a starter contract tree, and what to do next. */

import { DEFAULT_SCHEMA_BASE, initTreeWithSchemas } from '../scaffold/init.js';
import { type CliIo, type Command, parseOptions, showedHelp, noArguments } from './common.js';
import { asUsageError, locateTree } from './tree-input.js';

const NAME = 'init';

const USAGE = `Usage: contractguard init [options]

Write a starter contract tree: contractguard.yaml, one endpoint with a v1
contract and its schemas, and one consumer. Existing files are never replaced.

Options:
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
      { root: { type: 'string' }, repo: { type: 'string' }, schemas: { type: 'string' } },
      NAME,
    );
    if (showedHelp(values, USAGE, io)) return 0;
    noArguments(positionals, NAME);
    const { repo, root } = await asUsageError(() => locateTree(io, values.repo, values.root));
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
