/** `contractguard diff`: the tree at two refs, classified and judged by the versioning policy. */

import { FsSource } from '../load/source.js';
import { GitSource, gitChangeProbe, worktreeChangeProbe } from '../load/git.js';
import { RootProbe } from '../load/root.js';
import { renderTreeJson } from '../report/json.js';
import { renderTreeMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderTreeText } from '../report/text.js';
import { checkPullRequest } from '../check/pull-request.js';
import type { TreeReport } from '../check/types.js';
import type { Approval } from '../policy/types.js';
import {
  type CliIo,
  type Command,
  helpHint,
  oneOf,
  parseOptions,
  UsageError,
  showedHelp,
  noArguments,
} from './common.js';
import { asUsageError, locateTree, missingRoot } from './tree-input.js';

const NAME = 'diff';
type Format = 'text' | 'markdown' | 'json' | 'sarif';

const USAGE = `Usage: contractguard diff --base REF [--head REF] [options]

Compare the contract tree at two git refs (a PR's base and head) and apply the
versioning policy: does this change break a major version consumers depend on?
Files are read from git objects; nothing is checked out and nothing is run.

Options:
  --base REF            required: the ref to compare against (a branch or SHA)
  --head REF            the ref with the changes (default: the working tree)
  --root DIR            contract root, relative to the current folder
                          (default: contracts at the top of the repository)
  --repo DIR            run as if in DIR (default: the current directory)
  --format FORMAT       text (default), markdown, json or sarif
  --approve FP=USER     count an approval of change FP (a fingerprint from the
                          report, or "all") by USER; repeatable
  --full                load and judge both trees whole; by default only what
                          the change can affect is (the same verdict; what was
                          already wrong in untouched files is left to
                          \`contractguard check\`)
  -h, --help            show this help

Exit codes:
  0  the policy passes
  1  the policy fails (a breaking change in an existing major, an invalid file, ...)
  2  bad usage, or a repository or ref that cannot be read
`;

export const diffCommand: Command = {
  name: NAME,
  summary: 'Compare the contract tree at two git refs and apply the versioning policy.',
  usage: USAGE,
  run: runDiff,
};

async function runDiff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      base: { type: 'string' },
      head: { type: 'string' },
      root: { type: 'string' },
      repo: { type: 'string' },
      format: { type: 'string' },
      approve: { type: 'string', multiple: true },
      full: { type: 'boolean' },
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  noArguments(positionals, NAME);
  if (values.base === undefined) {
    throw new UsageError(
      `--base is required: the ref to compare against, e.g. origin/main; ${helpHint(NAME)}`,
    );
  }
  const format =
    oneOf<Format>(
      '--format',
      values.format,
      ['text', 'markdown', 'json', 'sarif'],
      'text, markdown, json or sarif',
      NAME,
    ) ?? 'text';
  const approvals = (values.approve ?? []).map(parseApproval);
  const location = await asUsageError(() => locateTree(io, values.repo, values.root));
  const { repo, root } = location;
  const refs = { base: values.base, head: values.head ?? 'working tree' };
  // Whether each side has the root at all: at neither is a typo (exit 2), at head only is contracts added.
  const baseGit = new GitSource(repo, refs.base, { name: 'base' });
  const base = new RootProbe(baseGit);
  const headSource = () =>
    values.head === undefined ? new FsSource(repo) : new GitSource(repo, refs.head, { name: 'head' });
  const headRead = headSource();
  const head = new RootProbe(headRead);
  // Only what the change can affect is loaded, between two commits or against the working tree.
  const changes =
    values.full === true
      ? undefined
      : headRead instanceof GitSource
        ? gitChangeProbe(baseGit, headRead)
        : worktreeChangeProbe(baseGit, root);

  // The PR check without GitHub: local git sources, and the approvals given on the command line.
  const { report } = await asUsageError(async () => {
    const outcome = await checkPullRequest({
      base,
      head,
      refs,
      load: { root },
      approvals,
      ...(changes ? { changes } : {}),
    });
    if (!base.found && !head.found) {
      throw await missingRoot(
        location,
        `in base (${refs.base}) or head (${refs.head}) of ${repo}`,
        headSource(),
      );
    }
    return outcome;
  });
  if (!base.found) report.rootAdded = true;
  io.stdout(render(report, format, io.color === true));
  return report.passed ? 0 : 1;
}

function render(report: TreeReport, format: Format, color: boolean): string {
  switch (format) {
    case 'markdown':
      return renderTreeMarkdown(report);
    case 'json':
      return renderTreeJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'text':
      return renderTreeText(report, { color });
  }
}

function parseApproval(text: string): Approval {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) {
    throw new UsageError(
      `--approve needs FINGERPRINT=USER (or all=USER), not ${JSON.stringify(text)}; ${helpHint(NAME)}`,
    );
  }
  return { fingerprint: text.slice(0, at), by: text.slice(at + 1) };
}
