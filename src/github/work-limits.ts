/**
 * The bound on one check's API work: a PR whose contract tree has more files (or bytes) under the root
 * than `maxFiles` (`maxTotalBytes`) of `.github/contractguard.yml` is not read — each file is one blob
 * request on a cold cache, and 20,000 of them are more than an installation's hourly budget. Judged from the
 * tree listings alone, before any blob is fetched; the failed check run says which limit and how to raise it.
 */
import { formatBytes } from '../schema/read.js';
import type { ContractFiles } from './api-source.js';
import { CONFIG_FILE } from './config.js';

export interface WorkLimits {
  root: string;
  /** Files larger than this are refused unfetched, so they do not count. */
  maxBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
}

export interface ListedCommit {
  /** How the report names the commit, e.g. `head feature (1a2b3c4)`. */
  name: string;
  source: { contractFiles(maxBytes: number): Promise<ContractFiles> };
}

/** Why the commits are over the limits, one sentence per limit passed; undefined when within them. */
export async function overLimits(
  commits: readonly ListedCommit[],
  limits: WorkLimits,
): Promise<string | undefined> {
  const counted = await Promise.all(commits.map((c) => c.source.contractFiles(limits.maxBytes)));
  const root = limits.root === '' ? 'the repository root' : `\`${limits.root}\``;
  const reasons: string[] = [];
  commits.forEach(({ name }, i) => {
    const { files, bytes } = counted[i] as ContractFiles;
    if (files > limits.maxFiles) {
      reasons.push(
        `${name} has ${files.toLocaleString('en-US')} files under ${root}, more than maxFiles ` +
          `(${limits.maxFiles.toLocaleString('en-US')}).`,
      );
    }
    if (bytes > limits.maxTotalBytes) {
      reasons.push(
        `${name} has ${formatBytes(bytes, true)} of files under ${root}, more than maxTotalBytes ` +
          `(${formatBytes(limits.maxTotalBytes)}).`,
      );
    }
  });
  return reasons.length === 0 ? undefined : reasons.join(' ');
}

/** The failed check run's text for `why` (from `overLimits`). */
export function overLimitsText(why: string): { title: string; summary: string } {
  return {
    title: 'contract tree over the bot’s limits: not checked',
    summary:
      `contractguard did not check this commit: ${why}\n\n` +
      'The bot reads each contract file through the GitHub API (one request per file the first time), ' +
      'and an installation may make 5,000 requests an hour, so a check reads at most `maxFiles` files and ' +
      `\`maxTotalBytes\` bytes per commit. Raise them in \`.github/${CONFIG_FILE}\` on the default ` +
      'branch (for example `maxFiles: 5000`), or set `root` there to the folder that holds only the contracts.',
  };
}
