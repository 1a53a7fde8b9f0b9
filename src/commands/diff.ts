/** `contractguard diff`: the tree at two refs, classified and judged by the versioning policy. */

import { FsSource } from '../load/source.js';
import { GitSource } from '../load/git.js';
import { loadContractSet } from '../load/load.js';
import { renderTreeJson } from '../report/json.js';
import { renderTreeMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderTreeText } from '../report/text.js';
import { buildReport } from '../check/report.js';
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
  repoDir,
} from './common.js';
import { asUsageError, contractRoot } from './tree-input.js';

const NAME = 'diff';
type Format = 'text' | 'markdown' | 'json' | 'sarif';

const USAGE = `Usage: contractguard diff --base REF [--head REF] [options]

Compare the contract tree at two git refs (a PR's base and head) and apply the
versioning policy: does this change break a major version consumers depend on?
Files are read from git objects; nothing is checked out and nothing is run.

Options:
  --base REF            required: the ref to compare against (a branch or SHA)
  --head REF            the ref with the changes (default: the working tree)
  --root DIR            contract root inside the repository (default: contracts)
  --repo DIR            the git repository (default: the current directory)
  --format FORMAT       text (default), markdown, json or sarif
  --approve FP=USER     count an approval of change FP (a fingerprint from the
                          report, or "all") by USER; repeatable
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
  const repo = repoDir(values.repo, io.cwd);
  const root = contractRoot(values.root);
  const approvals = (values.approve ?? []).map(parseApproval);

  const report = await asUsageError(async () => {
    const base = await loadContractSet(new GitSource(repo, values.base as string, { name: 'base' }), {
      root,
    });
    const head = await loadContractSet(
      values.head === undefined ? new FsSource(repo) : new GitSource(repo, values.head, { name: 'head' }),
      { root },
    );
    return buildReport({
      base,
      head,
      baseRef: values.base as string,
      headRef: values.head ?? 'working tree',
      approvals,
    });
  });
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
