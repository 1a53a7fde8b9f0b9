/** `contractguard new-version ENDPOINT`: scaffold the next major from the current one. */

import { GitError, resolveRef, runGit } from '../load/git.js';
import { type ChangedFile, newVersion } from '../scaffold/new-version.js';
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

When vN has changes against the base (uncommitted ones; with --base, everything
since that ref), nothing is written until you say where they belong:
  --move        vN+1 starts from vN with the changes, and vN goes back to the
                  base (what a breaking change made in vN needs)
  --keep        vN+1 starts from vN with the changes, and vN keeps them too

Options:
  --base REF    compare vN with this ref (default: HEAD, i.e. uncommitted changes)
  --root DIR    contract root inside the repository (default: contracts)
  --repo DIR    the repository (default: the current directory)
  -h, --help    show this help

Exit codes:
  0  the new major was written
  1  vN has changes against the base and neither --move nor --keep was given
  2  bad usage, or an endpoint or ref that cannot be read
`;

export const newVersionCommand: Command = {
  name: NAME,
  summary: 'Scaffold vN+1 of an endpoint from vN, with a deprecation date on vN.',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const { values, positionals } = parseOptions(
      argv,
      {
        root: { type: 'string' },
        repo: { type: 'string' },
        base: { type: 'string' },
        move: { type: 'boolean' },
        keep: { type: 'boolean' },
      },
      NAME,
    );
    if (showedHelp(values, USAGE, io)) return 0;
    if (positionals.length !== 1) {
      throw new UsageError(
        `new-version needs one ENDPOINT name, got ${positionals.length}; ${helpHint(NAME)}`,
      );
    }
    if (values.move === true && values.keep === true) {
      throw new UsageError(`--move and --keep exclude each other: pick one; ${helpHint(NAME)}`);
    }
    const repo = repoDir(values.repo, io.cwd);
    const root = contractRoot(values.root);
    const base = await baseCommit(repo, values.base);
    const result = await asUsageError(() =>
      newVersion(repo, {
        root,
        endpoint: positionals[0] as string,
        onChanges: values.move === true ? 'move' : values.keep === true ? 'keep' : 'ask',
        baseName: values.base ?? 'HEAD',
        ...(base === undefined ? {} : { changesIn: (dir: string) => changesSince(repo, base, dir) }),
      }),
    );
    if (result.choice !== undefined) {
      io.stderr(`${result.message}\n`);
      return 1;
    }
    io.stdout(`${result.message}\n`);
    return 0;
  },
};

/**
 * The commit to compare the copied major with: `--base`, else HEAD. Outside a git repository (or in one
 * without commits) there is nothing to compare, unless `--base` asked for it.
 */
async function baseCommit(repo: string, ref: string | undefined): Promise<string | undefined> {
  try {
    return await resolveRef(repo, ref ?? 'HEAD', { name: 'base' });
  } catch (error) {
    if (ref === undefined) return undefined;
    throw new UsageError(error instanceof GitError ? error.message : String(error));
  }
}

/**
 * The files of `dir` (relative to `repo`) that differ between `base` and the working tree, tracked or not,
 * with their text in base. Renames count as a removal and an addition.
 */
async function changesSince(repo: string, base: string, dir: string): Promise<ChangedFile[]> {
  const git = async (args: string[]): Promise<string> => {
    const result = await runGit(repo, args);
    if (result.code !== 0) throw new UsageError(`git ${args[0]} failed in ${repo}: ${result.stderr}`);
    return result.stdout.toString('utf8');
  };
  const listed = (text: string) => text.split('\0').filter((f) => f !== '');
  const tracked = listed(
    await git(['diff', '--name-only', '--no-renames', '--relative', '-z', base, '--', dir]),
  );
  const untracked = listed(await git(['ls-files', '--others', '--exclude-standard', '-z', '--', dir]));
  const files = [...new Set([...tracked, ...untracked])].sort();
  const out: ChangedFile[] = [];
  for (const file of files) {
    const shown = await runGit(repo, ['show', `${base}:./${file}`]);
    out.push({ file, base: shown.code === 0 ? shown.stdout.toString('utf8') : undefined });
  }
  return out;
}
