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
 * ```
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
}

export const DEFAULT_CONFIG: BotConfig = {
  root: 'contracts',
  approveLabel: DEFAULT_APPROVE_LABEL,
  maxBytes: DEFAULT_MAX_BYTES,
};

/** Checks the merged settings; throws with the offending key so the failed check run names it. */
export function parseConfig(raw: unknown): BotConfig {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const where = `.github/${CONFIG_FILE}`;
  const root = o.root ?? DEFAULT_CONFIG.root;
  const approveLabel = o.approveLabel ?? DEFAULT_CONFIG.approveLabel;
  const maxBytes = o.maxBytes ?? DEFAULT_CONFIG.maxBytes;
  if (typeof root !== 'string') throw new Error(`${where}: root must be a path, got ${JSON.stringify(root)}`);
  if (typeof approveLabel !== 'string' || approveLabel.trim() === '') {
    throw new Error(`${where}: approveLabel must be a label name, got ${JSON.stringify(approveLabel)}`);
  }
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new Error(`${where}: maxBytes must be a positive integer, got ${JSON.stringify(maxBytes)}`);
  }
  let normalized: string;
  try {
    normalized = normalizeRepoPath(root);
  } catch (error) {
    throw new Error(`${where}: root: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { root: normalized, approveLabel: approveLabel.trim(), maxBytes };
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
