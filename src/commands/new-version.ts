/** `contractguard new-version ENDPOINT`: scaffold the next major from the current one. */

import { newVersion } from '../scaffold/new-version.js';
import {
  type CliIo,
  type Command,
  helpHint,
  parseOptions,
  UsageError,
  showedHelp,
  repoDir,
} from './common.js';
import { asUsageError, contractRoot } from './tree-input.js';

const NAME = 'new-version';

const USAGE = `Usage: contractguard new-version ENDPOINT [options]

Start the next major version of ENDPOINT: copy its highest vN to vN+1 (version
N+1.0.0, status active) and give vN a deprecation date with replacement N+1.
Aliases are left alone: move them when the new major is ready.

Options:
  --root DIR    contract root inside the repository (default: contracts)
  --repo DIR    the repository (default: the current directory)
  -h, --help    show this help
`;

export const newVersionCommand: Command = {
  name: NAME,
  summary: 'Scaffold vN+1 of an endpoint from vN, with a deprecation date on vN.',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const { values, positionals } = parseOptions(
      argv,
      { root: { type: 'string' }, repo: { type: 'string' } },
      NAME,
    );
    if (showedHelp(values, USAGE, io)) return 0;
    if (positionals.length !== 1) {
      throw new UsageError(
        `new-version needs one ENDPOINT name, got ${positionals.length}; ${helpHint(NAME)}`,
      );
    }
    const repo = repoDir(values.repo, io.cwd);
    const root = contractRoot(values.root);
    const result = await asUsageError(() => newVersion(repo, { root, endpoint: positionals[0] as string }));
    io.stdout(`${result.message}\n`);
    return 0;
  },
};
