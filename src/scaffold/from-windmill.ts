/**
 * `contractguard init --from-windmill [DIR]`: a contract tree for a Windmill workspace synced to git
 * (`wmill sync pull`), one endpoint per script, named after the script file in kebab-case
 * (`f/crm/sync_customers` → `sync-customers`), major 1. Each contract refers to its script instead of
 * copying it (`input: { windmill: f/crm/sync_customers }`): the argument schema, operational settings and
 * HTTP trigger are read from the workspace at every ref, so an edit of the script is diffed with no
 * contract file touched. Output schemas stay hand-written: `output: true` until one is written.
 *
 * The contract root sits directly in the workspace folder (`DIR/contracts`): that is where the loader looks
 * for the workspace (src/windmill/files.ts `workspaceOf`). An endpoint folder that exists is left alone.
 */
import { OWNER_PATTERN } from '../model/schemas.js';
import { endpointNameOf, isScriptPath, nextScriptPath, scriptFile, workspaceOf } from '../windmill/files.js';
import { readWorkspace, type WindmillScript } from '../windmill/workspace.js';
import { PLACEHOLDER_OWNER } from './add-endpoint.js';
import { joinPath, normalizeRoot, ScaffoldError, toScaffoldFs, type ScaffoldFs } from './fs.js';

export interface FromWindmillOptions {
  /** The workspace folder, relative to the repository directory (`.` for its top). */
  workspace: string;
  /** The contract root, relative to the repository directory. Default `<workspace>/contracts`. */
  root?: string;
  /** Who owns the endpoints. Default: a placeholder `check` asks to replace. */
  owner?: string;
}

export interface FromWindmillResult {
  root: string;
  /** Files written, relative to the repository directory. */
  created: string[];
  endpoints: { name: string; script: string }[];
  /** Scripts not scaffolded, and why. */
  skipped: { script: string; reason: string }[];
  placeholderOwner: boolean;
}

/** Folders never walked: version control, dependencies. */
const SKIPPED = new Set(['.git', 'node_modules']);

export async function initFromWindmill(
  target: string | ScaffoldFs,
  opts: FromWindmillOptions,
): Promise<FromWindmillResult> {
  const fs = toScaffoldFs(target);
  const workspace = normalizeRoot(opts.workspace);
  const root = normalizeRoot(opts.root ?? joinPath(workspace, 'contracts'));
  const inside = workspace === '.' ? '' : workspace;
  if (root === '.' || workspaceOf(root) !== inside) {
    throw new ScaffoldError(
      `the contract root must be a folder directly in the workspace (${joinPath(workspace, 'contracts')}), not ${root}: contractguard reads the workspace from the folder holding the root`,
    );
  }
  const owner = opts.owner ?? PLACEHOLDER_OWNER;
  if (!OWNER_PATTERN.test(owner)) {
    throw new ScaffoldError(
      `--owner must be a GitHub team or user (@org/team or @user), not ${JSON.stringify(owner)}`,
    );
  }
  if ((await fs.list(workspace)) === undefined) {
    throw new ScaffoldError(`${workspace} is not a folder: give the folder \`wmill sync pull\` wrote`);
  }

  const texts = new Map<string, string>();
  for (const file of await scriptFiles(fs, workspace, root)) texts.set(file, await fs.readFile(file));
  const read = readWorkspace(inside, texts);
  const scripts = [...read.scripts.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const unreadable = [...read.problems.values()].flat();
  if (scripts.length === 0) {
    throw new ScaffoldError(
      unreadable.length > 0
        ? `no Windmill script could be read under ${workspace}: ${unreadable.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('; ')}`
        : `no Windmill scripts under ${workspace} (no *.script.yaml): give the folder \`wmill sync pull\` wrote`,
    );
  }

  const result: FromWindmillResult = {
    root,
    created: [],
    endpoints: [],
    skipped: unreadable.map((p) => ({
      script: p.file,
      reason: `${p.line ? `line ${p.line}: ` : ''}${p.message}`,
    })),
    placeholderOwner: opts.owner === undefined,
  };
  const names = uniqueNames(scripts);
  for (const script of scripts) {
    const name = names.get(script.path) as string;
    if (script.schema === undefined) {
      result.skipped.push({
        script: script.path,
        reason: `${scriptFile(script.path)} has no \`schema\` (run \`wmill script generate-metadata\`)`,
      });
      continue;
    }
    const folder = joinPath(root, name);
    if (await fs.exists(folder)) {
      result.skipped.push({ script: script.path, reason: `${folder} already exists` });
      continue;
    }
    for (const [file, text] of windmillEndpoint(name, script, owner)) {
      const at = joinPath(folder, file);
      await fs.createFile(at, text);
      result.created.push(at);
    }
    result.endpoints.push({ name, script: script.path });
  }
  return result;
}

/** Every `*.script.yaml` under the workspace, outside the contract root. */
async function scriptFiles(fs: ScaffoldFs, workspace: string, root: string): Promise<string[]> {
  const out: string[] = [];
  const stack = [workspace];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of (await fs.list(dir)) ?? []) {
      const file = joinPath(dir, entry.name);
      if (entry.dir) {
        if (!SKIPPED.has(entry.name) && file !== root) stack.push(file);
      } else if (entry.name.endsWith('.script.yaml')) out.push(file);
    }
  }
  return out.sort();
}

/** Endpoint names by script path: the file's name, or with its folders when two scripts share a name. */
function uniqueNames(scripts: readonly WindmillScript[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const s of scripts) count.set(endpointNameOf(s.path), (count.get(endpointNameOf(s.path)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const s of scripts) {
    const short = endpointNameOf(s.path);
    const name = (count.get(short) ?? 0) > 1 ? endpointNameOf(s.path.slice(2).replace(/\//g, '_')) : short;
    out.set(s.path, name === 'consumers' ? 'consumers-script' : name);
  }
  return out;
}

/** endpoint.yaml and v1/contract.yaml of a script, relative to the endpoint folder. */
export function windmillEndpoint(name: string, script: WindmillScript, owner: string): [string, string][] {
  const summary = typeof script.meta.summary === 'string' ? script.meta.summary.trim() : '';
  return [
    [
      'endpoint.yaml',
      `# ${name}: the Windmill script ${script.path}${summary ? ` (${summary.replace(/\n/g, ' ')})` : ''}.
# One folder per major: v1 is ${script.path}, v2 is ${script.path}_v2, … (contractguard new-version ${name}).
name: ${name}
owner: '${owner}' # a GitHub user or team: approves breaking changes to this endpoint
route: /p/${script.path}_v{major} # Windmill runs a script by path (/p/…); v1 is /p/${script.path}
`,
    ],
    ['v1/contract.yaml', windmillContract(name, 1, script.path, owner)],
  ];
}

/** A contract.yaml that refers to a script (also written by `new-version` for the next major). */
export function windmillContract(name: string, major: number, script: string, owner: string): string {
  return `# ${name} v${major}: the Windmill script ${script}. Its arguments (\`schema\` in
# ${scriptFile(script)}), timeout, concurrency limit and HTTP trigger are read from the workspace at
# the same ref: change the script, not this file. See docs/windmill.md.
endpoint: ${name}
version: ${major}.0.0 # major == folder name; bump the minor for an additive change
owner: '${owner}'
status: active # active | deprecated | retired

input: { windmill: ${script} }
# Windmill declares no output schema, so output changes are not checked until you write one here
# (e.g. output: { $ref: ./output.schema.json }).
output: true
`;
}

/** What `new-version` adds for a Windmill-backed endpoint: the next script, and the contract that reads it. */
export interface WindmillNextMajor {
  script: string;
  next: string;
  /** The new major's contract.yaml, reading the next script. */
  contract: string;
  /** The next script's files (metadata, lock, code), relative to the repository directory. */
  files: { file: string; text: string }[];
  /** What was done and what is left, for the summary. */
  notes: string[];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The script a Windmill-backed contract reads, where its files are, and which files are its own. */
export interface ScriptFiles {
  script: string;
  /** The script's folder, relative to the repository directory. */
  folder: string;
  /** Whether a file (relative to the repository directory) is the script's own: metadata, lock, code. */
  owns(file: string): boolean;
}

/**
 * The script a contract.yaml reads (`input: { windmill: f/crm/sync_customers }`), undefined for any other
 * contract; refused when the path is not a script path. Its own files are its metadata, its lock and its code
 * (`.py`, `.bun.ts`, `.pg.sql`, …), not the schedules and triggers named after it.
 */
export function scriptFilesOf(root: string, contractText: string): ScriptFiles | undefined {
  const match = /^input:\s*\{\s*windmill:\s*['"]?([^\s'"{},#]+)['"]?\s*\}/m.exec(contractText);
  if (!match) return undefined;
  const script = match[1] as string;
  if (!isScriptPath(script)) {
    throw new ScaffoldError(`\`input.windmill\` ${JSON.stringify(script)} is not a Windmill script path`);
  }
  const workspace = workspaceOf(root === '.' ? '' : root);
  const folder = joinPath(workspace, script.slice(0, script.lastIndexOf('/')));
  const base = script.slice(script.lastIndexOf('/') + 1);
  return {
    script,
    folder,
    owns: (file) => {
      if (!file.startsWith(`${folder}/${base}.`) || file.slice(folder.length + 1).includes('/')) return false;
      const rest = file.slice(folder.length + 1 + base.length);
      return rest === '.script.yaml' || rest === '.script.lock' || !/\.(ya?ml|json|lock)$/.test(rest);
    },
  };
}

/**
 * For a contract that reads a Windmill script: the next major's script `f/crm/sync_customers_v<to>`, a
 * copy of the script's own files as they are now, and the copied contract pointing at it. Undefined for any
 * other contract. Triggers and schedules are not copied: they are how callers reach a major, and they stay
 * on the old one until moved.
 */
export async function windmillNextMajor(
  fs: ScaffoldFs,
  root: string,
  contractText: string,
  to: number,
): Promise<WindmillNextMajor | undefined> {
  const own = scriptFilesOf(root, contractText);
  if (own === undefined) return undefined;
  const { script, folder } = own;
  const workspace = workspaceOf(root === '.' ? '' : root);
  const next = nextScriptPath(script, to);
  const base = script.slice(script.lastIndexOf('/') + 1);
  const nextBase = next.slice(next.lastIndexOf('/') + 1);
  if (await fs.exists(joinPath(workspace, scriptFile(next)))) {
    throw new ScaffoldError(
      `${joinPath(workspace, scriptFile(next))} already exists: v${to} would read it; remove or rename it first`,
    );
  }
  const mentions = new RegExp(`${escapeRegExp(script)}(?![A-Za-z0-9_])`, 'g');
  const files: WindmillNextMajor['files'] = [];
  for (const entry of (await fs.list(folder)) ?? []) {
    const file = joinPath(folder, entry.name);
    if (entry.dir || !own.owns(file)) continue;
    const rest = entry.name.slice(base.length);
    const text = await fs.readFile(file);
    files.push({
      file: joinPath(folder, `${nextBase}${rest}`),
      text: rest === '.script.yaml' ? text.replace(mentions, next) : text,
    });
  }
  if (!files.some((f) => f.file.endsWith('.script.yaml'))) {
    throw new ScaffoldError(
      `${joinPath(workspace, scriptFile(script))} not found: the contract reads ${script}, which the workspace does not have`,
    );
  }
  return {
    script,
    next,
    contract: contractText.replace(mentions, next),
    files: files.sort((a, b) => (a.file < b.file ? -1 : 1)),
    notes: [
      `v${to} reads the Windmill script ${next} (a copy of ${script}): make the breaking change there, and deploy it with \`wmill sync push\`.`,
      `Callers pinned to a deployment hash (/h/…) keep the exact old version; callers by path (/p/${script}) stay on v${to - 1} until they switch to /p/${next}. Schedules, flows and HTTP triggers calling ${script} stay on v${to - 1}: point them at ${next} to move them.`,
    ],
  };
}
