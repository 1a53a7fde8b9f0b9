/**
 * The bot's settings, from `.github/contractguard.yml` of the default branch (Probot's `context.config`
 * reads only the default branch, so a PR cannot change how it is checked). Every key is optional. The bot
 * reads it through Probot (`bot/config.ts`), the scheduled run through the contents API (`readConfig`); both
 * check it with `parseConfig`.
 *
 * ```yaml
 * root: contracts                                   # the contract root
 * approveLabel: "contractguard: breaking-approved"  # the label that approves breaking changes
 * maxBytes: 5242880                                 # per-file size limit
 * maxFiles: 1000                                    # contract files one check reads, per commit
 * maxTotalBytes: 20971520                           # their bytes, per commit
 * ```
 *
 * `maxFiles` and `maxTotalBytes` bound the API work of one delivery (src/github/work-limits.ts): each file
 * is one blob request on a cold cache, and an installation may make 5,000 requests an hour.
 */
import { parse as parseYaml } from 'yaml';

import { normalizeRepoPath } from '../load/source.js';
import { DEFAULT_MAX_BYTES } from '../schema/read.js';
import { DEFAULT_APPROVE_LABEL } from './approvals.js';
import { type GitHubClient, httpStatus } from './client.js';

export const CONFIG_FILE = 'contractguard.yml';

export interface BotConfig {
  root: string;
  approveLabel: string;
  maxBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
}

export const DEFAULT_CONFIG: BotConfig = {
  root: 'contracts',
  approveLabel: DEFAULT_APPROVE_LABEL,
  maxBytes: DEFAULT_MAX_BYTES,
  // A cold check of a PR at these limits reads about 1,000 blobs (base and head share unchanged files), a
  // fifth of an installation's hourly 5,000 requests, and both commits fit the process's blob cache.
  maxFiles: 1000,
  maxTotalBytes: 20 * 1024 * 1024,
};

const POSITIVE_INTEGERS = ['maxBytes', 'maxFiles', 'maxTotalBytes'] as const;

/** Checks the merged settings; throws with the offending key so the failed check run names it. */
export function parseConfig(raw: unknown): BotConfig {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const where = `.github/${CONFIG_FILE}`;
  const root = o.root ?? DEFAULT_CONFIG.root;
  const approveLabel = o.approveLabel ?? DEFAULT_CONFIG.approveLabel;
  if (typeof root !== 'string') throw new Error(`${where}: root must be a path, got ${JSON.stringify(root)}`);
  if (typeof approveLabel !== 'string' || approveLabel.trim() === '') {
    throw new Error(`${where}: approveLabel must be a label name, got ${JSON.stringify(approveLabel)}`);
  }
  const [maxBytes, maxFiles, maxTotalBytes] = POSITIVE_INTEGERS.map((key) => {
    const value = o[key] ?? DEFAULT_CONFIG[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`${where}: ${key} must be a positive integer, got ${JSON.stringify(value)}`);
    }
    return value;
  }) as [number, number, number];
  let normalized: string;
  try {
    normalized = normalizeRepoPath(root);
  } catch (error) {
    throw new Error(`${where}: root: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { root: normalized, approveLabel: approveLabel.trim(), maxBytes, maxFiles, maxTotalBytes };
}

/** `.github/contractguard.yml` of the default branch through the contents API; the defaults when absent. */
export async function readConfig(client: GitHubClient, owner: string, repo: string): Promise<BotConfig> {
  try {
    const { data } = await client.rest.repos.getContent({
      owner,
      repo,
      path: `.github/${CONFIG_FILE}`,
      mediaType: { format: 'raw' },
    });
    const text = typeof data === 'string' ? data : '';
    return parseConfig({ ...DEFAULT_CONFIG, ...((parseYaml(text) as object | null) ?? {}) });
  } catch (error) {
    if (httpStatus(error) === 404) return DEFAULT_CONFIG;
    throw error;
  }
}
