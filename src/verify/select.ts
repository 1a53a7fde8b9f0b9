/**
 * The endpoint major a run verifies, found in a loaded tree — or a `TargetError` saying what is there instead
 * (the endpoints, the majors) or why the one asked for did not load.
 */
import type { ContractSet, LoadedEndpoint, LoadedVersion } from '../model/types.js';
import { TargetError } from './target.js';

export function selectVersion(
  set: ContractSet,
  name: string,
  major: number,
): { endpoint: LoadedEndpoint; version: LoadedVersion } {
  const rootPrefix = set.root === '' || set.root === '.' ? '' : `${set.root}/`;
  const problemIn = (folder: string) => set.problems.find((p) => p.file.startsWith(`${rootPrefix}${folder}`));
  const endpoint = set.endpoints.get(name);
  if (endpoint === undefined) {
    const broken = problemIn(`${name}/`);
    if (broken !== undefined) {
      throw new TargetError(
        `${name} cannot be loaded: ${broken.file}: ${broken.message}; run \`contractguard check\``,
      );
    }
    const known = [...set.endpoints.keys()];
    throw new TargetError(
      `unknown endpoint ${JSON.stringify(name)} in ${set.root}; ${known.length > 0 ? `the endpoints are ${known.join(', ')}` : 'it has no endpoints (see --root)'}`,
    );
  }
  const version = endpoint.versions.get(major);
  if (version === undefined) {
    const broken = problemIn(`${name}/v${major}/`);
    if (broken !== undefined) {
      throw new TargetError(
        `${name} v${major} cannot be loaded: ${broken.file}: ${broken.message}; run \`contractguard check\``,
      );
    }
    const majors = [...endpoint.versions.keys()].sort((a, b) => a - b).map((m) => `v${m}`);
    throw new TargetError(`${name} has no major v${major}; its majors are ${majors.join(', ') || 'none'}`);
  }
  return { endpoint, version };
}
