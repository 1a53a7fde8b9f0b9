/**
 * Whether the contract root is there at all. A source lists nothing for a root that does not exist, which
 * on its own reads as "no contracts": a typo in `--root` (or a root that is relative to the wrong folder)
 * would then pass every PR with "no contract changes". These tell a missing root from an empty tree and
 * say where the contracts probably are.
 */
import type { Listing } from './listing.js';
import { type ContractSource, normalizeRepoPath, type ReadOptions } from './source.js';

/**
 * A file that makes a folder a contract tree (relative to it): an endpoint.yaml, a file in a version
 * folder, a consumer, the policy. A folder without any (the repository's top when the tree is in
 * `contracts/`, a docs folder) is not one, whatever else it holds.
 */
function isTreeFile(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.length === 1) return /^contractguard\.ya?ml$/.test(rel);
  if (parts[0] === 'consumers') return parts.length === 2 && /\.ya?ml$/.test(rel);
  return (
    (parts.length === 2 && /^endpoint\.ya?ml$/.test(parts[1] as string)) ||
    /^v[1-9]\d*$/.test(parts[1] as string)
  );
}

/** A source that remembers whether listing the contract root found a contract tree there. */
export class RootProbe implements ContractSource {
  readonly label: string;
  private listed: boolean | undefined;

  /** The source's shared listing, when it has one (listing.ts), remembering as `list` does. */
  readonly sharedListing?: (root: string) => Promise<Listing>;

  constructor(readonly source: ContractSource) {
    this.label = source.label;
    const shared = source.sharedListing?.bind(source);
    if (shared !== undefined) {
      this.sharedListing = async (root) => {
        const listing = await shared(root);
        this.listed ??= listing.some(isTreeFile);
        return listing;
      };
    }
  }

  /** Whether the root held a contract tree when it was listed; `undefined` before that. */
  get found(): boolean | undefined {
    return this.listed;
  }

  async list(root: string): Promise<string[]> {
    const files = await this.source.list(root);
    const prefix = normalizeRepoPath(root) === '' ? '' : `${normalizeRepoPath(root)}/`;
    // The loader lists the root first; a later listing (the Windmill workspace around it) is not about it.
    this.listed ??= files.some((file) => file.startsWith(prefix) && isTreeFile(file.slice(prefix.length)));
    return files;
  }

  read(path: string, opts?: ReadOptions): Promise<Buffer> {
    return this.source.read(path, opts);
  }

  async close(): Promise<void> {
    await this.source.close?.();
  }
}

/**
 * Contract roots found in a source, most endpoints first: every folder that holds `<name>/endpoint.yaml`
 * files (`contracts` for `contracts/sync-customers/endpoint.yaml`; `.` for the repository's top). Lists the
 * whole source: for error messages only.
 */
export async function contractRootsIn(source: ContractSource): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const file of await source.list('')) {
    const parts = file.split('/');
    if (parts.length < 2 || parts[parts.length - 1] !== 'endpoint.yaml') continue;
    const root = parts.slice(0, -2).join('/') || '.';
    counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).map(([root]) => root);
}

/** A contract root that holds no contract tree at either compared ref (or in the tree checked): bad input. */
export class MissingRootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingRootError';
  }
}

/**
 * "no contract tree at `contract` in base (main) or head (pr); the contracts are in `contracts`: pass --root
 * contracts". `where` says what was looked at; `found` are roots that do exist, as
 * the user would write them; `fix` says how to give one (`pass --root contracts`, or the Action's input).
 */
export function missingRootMessage(
  shown: string,
  where: string,
  found: readonly string[],
  fix: (root: string) => string,
): string {
  const head = `no contract tree at \`${shown}\` ${where} (no endpoint.yaml, version folder or consumer below it)`;
  const [best, ...others] = found;
  if (best === undefined) {
    return `${head}; no folder holds an endpoint.yaml either (start a tree with \`contractguard init\`, or \`contractguard add-endpoint NAME\`)`;
  }
  const more =
    others.length > 0
      ? ` (also ${others
          .slice(0, 3)
          .map((r) => `\`${r}\``)
          .join(', ')})`
      : '';
  return `${head}; the contracts are in \`${best}\`${more}: ${fix(best)}`;
}
