/** `contractguard init`: a starter contract tree. */

import { initTree } from '../scaffold/init.js';
import { type CliIo, type Command, parseOptions, showedHelp, noArguments, repoDir } from './common.js';
import { asUsageError, contractRoot } from './tree-input.js';

const NAME = 'init';

const USAGE = `Usage: contractguard init [options]

Write a starter contract tree: contractguard.yaml, one endpoint with a v1
contract and its schemas, and one consumer. Existing files are never replaced.

Options:
  --root DIR    contract root inside the repository (default: contracts)
  --repo DIR    the repository (default: the current directory)
  -h, --help    show this help
`;

export const initCommand: Command = {
  name: NAME,
  summary: 'Write a starter contract tree.',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const { values, positionals } = parseOptions(
      argv,
      { root: { type: 'string' }, repo: { type: 'string' } },
      NAME,
    );
    if (showedHelp(values, USAGE, io)) return 0;
    noArguments(positionals, NAME);
    const repo = repoDir(values.repo, io.cwd);
    const root = contractRoot(values.root);
    const created = await asUsageError(() => initTree(repo, { root }));
    io.stdout(
      `Created ${created.length} files under ${root}/:\n${created.map((f) => `  ${f}`).join('\n')}\n`,
    );
    return 0;
  },
};
