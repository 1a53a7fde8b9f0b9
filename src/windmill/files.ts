/**
 * The file layout of a Windmill workspace synced to git (`wmill sync pull`), relative to the workspace
 * folder: `f/crm/sync_customers.script.yaml` (a script's metadata, beside its code
 * `f/crm/sync_customers.py`), `f/ops/nightly.flow/flow.yaml`, `f/ops/hourly.schedule.yaml`,
 * `f/crm/sync.http_trigger.yaml`, and `wmill.yaml` at the top.
 */
import * as path from 'node:path';

export type WindmillFileKind = 'script' | 'flow' | 'schedule' | 'http_trigger';

const SUFFIXES: [WindmillFileKind, string][] = [
  ['script', '.script.yaml'],
  ['flow', '.flow/flow.yaml'],
  ['schedule', '.schedule.yaml'],
  ['http_trigger', '.http_trigger.yaml'],
];

/** What a file (relative to the workspace folder) is, and the Windmill path it stands for. */
export function windmillFile(rel: string): { kind: WindmillFileKind; path: string } | undefined {
  for (const [kind, suffix] of SUFFIXES) {
    if (rel.endsWith(suffix) && rel.length > suffix.length) {
      return { kind, path: rel.slice(0, -suffix.length) };
    }
  }
  return undefined;
}

/** A Windmill script path (`f/<folder>/<name>`, `u/<user>/<name>`), with no `.` or `..` step. */
export function isScriptPath(script: string): boolean {
  return (
    /^[fug]\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(script) &&
    !script.split('/').some((part) => /^\.+$/.test(part))
  );
}

/** The metadata file of a script path, relative to the workspace folder. */
export function scriptFile(script: string): string {
  return `${script}.script.yaml`;
}

/**
 * The workspace folder of a contract root: the folder that holds it (`contracts` → the repository root,
 * `windmill/contracts` → `windmill`), as `contractguard init --from-windmill` lays it out.
 */
export function workspaceOf(root: string): string {
  const dir = path.posix.dirname(root === '' ? '.' : root);
  return dir === '.' ? '' : dir;
}

/** A repository path of a file relative to the workspace folder. */
export function inWorkspace(workspace: string, rel: string): string {
  return workspace === '' ? rel : `${workspace}/${rel}`;
}

/** `f/crm/sync_customers` → `sync-customers`: the endpoint named after the script file, in kebab-case. */
export function endpointNameOf(script: string): string {
  const base = script.slice(script.lastIndexOf('/') + 1);
  const kebab = base
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return kebab === '' ? 'script' : kebab;
}

/** `f/crm/sync_customers` → `f/crm/sync_customers_v2`; `…_v2` → `…_v3`. */
export function nextScriptPath(script: string, major: number): string {
  const base = script.replace(/_v\d+$/, '');
  return `${base}_v${major}`;
}
