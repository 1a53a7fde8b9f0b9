/**
 * The bot's settings, from `.github/contractguard.yml` of the default branch (Probot's `context.config`
 * reads only the default branch, so a PR cannot change how it is checked). Every key is optional.
 *
 * ```yaml
 * root: contracts                                   # the contract root
 * approveLabel: "contractguard: breaking-approved"  # the label that approves breaking changes
 * maxBytes: 5242880                                 # per-file size limit
 * ```
 */
import { DEFAULT_APPROVE_LABEL } from '../src/github/approvals.js';
import { normalizeRepoPath } from '../src/load/source.js';
import { DEFAULT_MAX_BYTES } from '../src/schema/read.js';

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
