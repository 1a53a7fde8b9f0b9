/** `contractguard check`: validate a contract tree — files, refs, aliases, consumers. */

import { FsSource } from '../load/source.js';
import { GitSource } from '../load/git.js';
import { loadContractSet } from '../load/load.js';
import { RootProbe } from '../load/root.js';
import { checkConsumers, type ConsumerProblem } from '../consumers/fixtures.js';
import type { TreeProblem } from '../model/types.js';
import { problemMessage } from '../model/validate.js';
import { type CliIo, type Command, oneOf, parseOptions, showedHelp, noArguments } from './common.js';
import { asUsageError, locateTree, missingRoot } from './tree-input.js';

const NAME = 'check';

const USAGE = `Usage: contractguard check [options]

Validate the contract tree: every file parses and matches its schema, every
$ref resolves inside the contract root, aliases point at live versions, and
consumers use endpoints and majors that exist, their fixtures are valid input
and output of the major they use, and its output guarantees their \`expects\`.

Options:
  --root DIR        contract root, relative to the current folder
                      (default: contracts at the top of the repository)
  --repo DIR        run as if in DIR (default: the current directory)
  --ref REF         check the tree at a git ref instead of the working tree
  --format FORMAT   text (default) or json
  -h, --help        show this help

Exit codes:
  0  the tree is valid
  1  problems were found (each named with file, line and column)
  2  bad usage, a repository or ref that cannot be read, or no contract root there
`;

export const checkCommand: Command = {
  name: NAME,
  summary: 'Validate a contract tree: files, $refs, aliases and consumers.',
  usage: USAGE,
  run: runCheck,
};

async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      root: { type: 'string' },
      repo: { type: 'string' },
      ref: { type: 'string' },
      format: { type: 'string' },
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  noArguments(positionals, NAME);
  const format =
    oneOf<'text' | 'json'>('--format', values.format, ['text', 'json'], 'text or json', NAME) ?? 'text';
  const location = await asUsageError(() => locateTree(io, values.repo, values.root));
  const { repo, root } = location;
  const ref = values.ref;
  const source = () => (ref === undefined ? new FsSource(repo) : new GitSource(repo, ref));
  const set = await asUsageError(async () => {
    const probe = new RootProbe(source());
    const loaded = await loadContractSet(probe, { root });
    await probe.close();
    // A root without a tree is a mistyped --root (or the wrong folder), never "valid — 0 endpoints".
    if (!probe.found) {
      const where = ref === undefined ? `in the working tree of ${repo}` : `at ${ref} in ${repo}`;
      throw await missingRoot(location, where, source());
    }
    return loaded;
  });
  const versions = [...set.endpoints.values()].reduce((n, e) => n + e.versions.size, 0);
  const problems = [...set.problems, ...(await checkConsumers(set)).map(asTreeProblem)];
  if (format === 'json') {
    const summary = { root, endpoints: set.endpoints.size, versions, consumers: set.consumers.length };
    io.stdout(`${JSON.stringify({ valid: problems.length === 0, ...summary, problems }, null, 2)}\n`);
  } else if (problems.length === 0) {
    io.stdout(
      `${root}: valid — ${count(set.endpoints.size, 'endpoint')}, ${count(versions, 'version')}, ${count(set.consumers.length, 'consumer')}\n`,
    );
  } else {
    io.stdout(`${problems.map(describeProblem).join('\n')}\n`);
    io.stdout(`\n${root}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

/** A consumer problem as the other problems of the tree are reported: file, line, column, message. */
function asTreeProblem(p: ConsumerProblem): TreeProblem {
  const out: TreeProblem = { file: p.file, message: p.message };
  if (p.line !== undefined) out.line = p.line;
  if (p.column !== undefined) out.column = p.column;
  return out;
}

export function describeProblem(p: TreeProblem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  return `${where}: ${problemMessage(p)}`;
}

/** `1 endpoint`, `3 endpoints`. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
