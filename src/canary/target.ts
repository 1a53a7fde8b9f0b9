/**
 * What a canary is collected for, as `canary collect`/`canary run` and the Action's Prometheus mode name it:
 * an endpoint of the contract tree with both majors, and the window (`30m`, `2h`) as whole seconds. Each
 * problem is a `CanaryInputError` with one line to show; the CLI adds which flag to change.
 */
import { loadContractSet } from '../load/load.js';
import { FsSource } from '../load/source.js';
import type { LoadedEndpoint } from '../model/types.js';
import { formatProblem } from '../model/validate.js';
import { parseDuration } from './evaluate.js';

export class CanaryInputError extends Error {
  /** True when the endpoint is not in the tree (the CLI then points at `--root`). */
  constructor(
    message: string,
    readonly noEndpoint = false,
  ) {
    super(message);
  }
}

/** `30m`, `2h`, `1h30m` → milliseconds, whole seconds of at least 1 s; undefined for anything else. */
export function parseWindow(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms === undefined || ms < 1000 || ms % 1000 !== 0 ? undefined : ms;
}

/** A major version number as typed (`3`), or undefined. */
export function parseMajor(text: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined;
}

/**
 * The endpoint `name` under `root` in the working tree `repo`, which must have both majors. Errors of the
 * source itself (an unreadable folder) are thrown as the loader throws them.
 */
export async function loadCanaryEndpoint(
  repo: string,
  root: string,
  name: string,
  majors: readonly number[],
): Promise<LoadedEndpoint> {
  const set = await loadContractSet(new FsSource(repo), { root });
  const endpoint = set.endpoints.get(name);
  if (endpoint === undefined) {
    const file = `${root === '.' ? '' : `${root}/`}${name}/endpoint.yaml`;
    const problem = set.problems.find((p) => p.file === file);
    throw new CanaryInputError(
      problem === undefined ? `no endpoint ${name} under ${root} (expected ${file})` : formatProblem(problem),
      problem === undefined,
    );
  }
  for (const major of majors) {
    if (!endpoint.versions.has(major)) {
      const known = [...endpoint.versions.keys()].sort((a, b) => a - b).map((m) => `v${m}`);
      throw new CanaryInputError(
        `${name} has no major ${major}${known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`,
      );
    }
  }
  return endpoint;
}
