/**
 * Loads a contract tree (DESIGN §1) from a `ContractSource` into a `ContractSet`. Bad input never throws:
 * every file that does not parse or validate, every dangling `$ref`, bad alias or unknown endpoint becomes
 * a `TreeProblem` with file, line and column, and the rest of the tree still loads.
 *
 * Layout, relative to the contract root:
 *   contractguard.yaml                 policy (optional)
 *   <endpoint>/endpoint.yaml           an endpoint
 *   <endpoint>/v<N>/contract.yaml      a major version; its schemas anywhere under the root
 *   consumers/<name>.yaml              a consumer; fixtures below consumers/
 * A top-level folder with neither endpoint.yaml nor version folders is not an endpoint (say, shared schemas
 * that contracts `$ref`); other files are read only when something refers to them.
 */
import * as path from 'node:path';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  formatBytes,
  parseSchemaText,
  toPosix,
} from '../schema/read.js';
import { parsePointer, toPointer } from '../schema/pointer.js';
import { resolveSchema } from '../schema/resolve.js';
import { SchemaError, type Json, type ResolvedSchema } from '../schema/types.js';
import { misspeltKeywords } from '../schema/wellformed.js';
import { positionIndex } from '../model/position.js';
import {
  DEFAULT_POLICY,
  type ContractFile,
  type ContractSet,
  type LoadedConsumer,
  type LoadedEndpoint,
  type LoadedVersion,
  type OpenApiRef,
  type Policy,
  type PolicyFile,
  type SchemaRef,
  type SourcePosition,
  type TreeProblem,
  type UnreadablePart,
} from '../model/types.js';
import {
  closest,
  fieldName,
  parseConsumerFile,
  parseContractFile,
  parseEndpointFile,
  parsePolicyFile,
  type ParseResult,
} from '../model/validate.js';
import { contractOf, isLocalDocumentRef } from '../openapi/contract.js';
import { loadOpenApi } from '../openapi/read.js';
import type { OpenApiDocument } from '../openapi/types.js';
import { bindScript, triggerOf } from '../windmill/contract.js';
import { discoverConsumers, type ScriptBinding } from '../windmill/consumers.js';
import { inWorkspace, isScriptPath, scriptFile, windmillFile, workspaceOf } from '../windmill/files.js';
import { readWorkspace, type WindmillWorkspace } from '../windmill/workspace.js';
import { normalizeRepoPath, SourceError, type ContractSource } from './source.js';
import { type LoadScope, ScopedEntries } from './changes.js';
import { type Listing, listingOf } from './listing.js';

export interface LoadContractSetOptions {
  /** The contract root, relative to the repository root (`contracts`); `''` for the repository root. */
  root: string;
  /** Per-file size limit (default 5 MiB, as for schema files). */
  maxBytes?: number;
  /** Nesting limit of schema documents (default 256). */
  maxDepth?: number;
  /**
   * Load only what a change can affect (changes.ts `changeScope`): these endpoints, these consumers and
   * those using these endpoints, and whatever files loading them reads. Default: the whole tree.
   */
  only?: LoadScope;
}

/** A file under the root, read: its text, or why it cannot be used. */
type Entry = { text: string } | { unusable: string };

const VERSION_FOLDER = /^v([1-9]\d*)$/;
const DATA_FILE = /\.(ya?ml|json)$/i;
const CONSUMERS = 'consumers';

/**
 * Schemas are resolved against a made-up absolute directory that does not exist on disk, so that nothing
 * on disk (the working tree of another ref, a symbolic link) can take part: every document comes from the
 * preloaded files.
 */
const VIRTUAL_ROOT = path.resolve('/', '.contractguard-virtual-root');

/**
 * Reads every file under `opts.root` from `source` (one burst: a `GitSource` serves it from one cat-file
 * process) and loads the tree. Throws only when the source itself fails (a ref that does not exist, git
 * missing); everything wrong with the tree is in `problems`, and what is sound still loads: an endpoint
 * whose endpoint.yaml is invalid is left out, and so is a version whose contract.yaml or schemas are.
 *
 * Paths: `TreeProblem.file`, `LoadedVersion.file` and the like are relative to the repository root
 * (`contracts/sync-customers/v3/contract.yaml`); `ResolvedSchema` origins and `file` are relative to the
 * contract root (`sync-customers/v3/input.schema.json`), and nodes of an inline schema point into its YAML
 * file (`/input/properties/id`). `position(file, pointer)` accepts either form of path: a path naming a
 * file under the root relative to the repository root is taken as that, otherwise as relative to the
 * contract root. It answers `undefined` for a file outside the tree or unreadable, and falls back to the
 * nearest existing ancestor for a pointer that does not exist.
 *
 * Parsed YAML files and resolved schemas are cached across loads in the process (by content), so a diff's
 * base and head share the objects of unchanged files: treat everything in a `ContractSet` as read-only.
 */
export async function loadContractSet(
  source: ContractSource,
  opts: LoadContractSetOptions,
): Promise<ContractSet> {
  return new TreeLoader(source, opts).load();
}

/**
 * Lays out the tree of `source` under `root` ahead of a scoped load, for a source with a shared listing
 * (`ContractSource.sharedListing`): called while the change scope waits for git, it takes that work off the
 * path to the first read. Does nothing for other sources, and never fails (the load reports what does).
 */
export async function prepareScopedLoad(source: ContractSource, root: string): Promise<void> {
  if (source.sharedListing === undefined) return;
  try {
    layoutOf(await source.sharedListing(normalizeRepoPath(root)));
  } catch {
    // The load lists again and reports the failure.
  }
}

type Path = (string | number)[];

class TreeLoader {
  private readonly root: string;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  /** By path relative to the contract root. */
  private readonly entries = new ScopedEntries<Entry>({ text: '' });
  private readonly problems: TreeProblem[] = [];
  private readonly unreadable: UnreadablePart[] = [];
  private readonly indexes = new Map<string, (pointer: string) => SourcePosition | undefined>();
  /** Parsed schema documents (by path relative to the contract root), shared by every resolution. */
  private readonly documents = new Map<string, Json | SchemaError>();
  private readonly virtualRoot: string;
  /** The Windmill workspace around the root, read when a contract refers to a script (docs/windmill.md). */
  private windmill: WindmillWorkspace | undefined;
  /** Scripts backing a contract major, by script path. */
  private readonly bindings = new Map<string, ScriptBinding>();

  constructor(
    private readonly source: ContractSource,
    private readonly opts: LoadContractSetOptions,
  ) {
    this.root = normalizeRepoPath(opts.root);
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.virtualRoot = this.root === '' ? VIRTUAL_ROOT : path.join(VIRTUAL_ROOT, ...this.root.split('/'));
  }

  /** Repository path of a path relative to the contract root. */
  private repoPath(rel: string): string {
    return repoPathOf(this.root, rel);
  }

  async load(): Promise<ContractSet> {
    if (this.opts.only !== undefined)
      return this.loadScoped(await listingOf(this.source, this.root), this.opts.only);
    await this.preload(await this.source.list(this.root));
    return this.build();
  }

  /**
   * A scoped load: the files the scope names first; then, round by round, each listed file the loading
   * itself asked for (a `$ref`ed schema, a fixture, another endpoint a consumer uses), until a round asks
   * for none. Nothing of a round that met a file not read yet is kept.
   */
  private async loadScoped(listing: Listing, scope: LoadScope): Promise<ContractSet> {
    // The entries' names are the listing in every round (ScopedEntries.keys): one layout serves them all,
    // and it is the listing's (shared with the other side's load, which derives its own from it).
    const layout = layoutOf(listing);
    this.entries.limitTo(listing);
    // The files at the top, those of the scope's endpoints, the consumer files and the other files named.
    const first = new Set(layout.topFiles);
    for (const top of scope.endpoints) for (const rel of listing.under(top)) first.add(rel);
    for (const rel of listing.under(CONSUMERS))
      if (rel.indexOf('/', CONSUMERS.length + 1) < 0) first.add(rel);
    for (const rel of scope.files) if (listing.has(rel)) first.add(rel);
    let toRead = [...first].sort();
    for (;;) {
      await this.preload(toRead.map((rel) => this.repoPath(rel)));
      const set = await this.build(scope, layout);
      toRead = [...this.entries.wanted];
      this.entries.wanted.clear();
      if (toRead.length === 0) {
        this.entries.seal();
        // The workspace of Windmill-backed contracts is read whole anyway: load the tree whole with it.
        if (this.windmill !== undefined)
          return loadContractSet(this.source, { ...this.opts, only: undefined });
        return set;
      }
      this.problems.length = 0;
      this.unreadable.length = 0;
      this.indexes.clear();
      this.documents.clear();
      this.bindings.clear();
      this.windmill = undefined;
      for (const [rel, entry] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        if ('unusable' in entry && DATA_FILE.test(rel)) this.add(rel, entry.unusable);
    }
  }

  /**
   * In a scoped load, the consumers loaded (those the scope names, and those using one of its endpoints)
   * and the endpoints (the scope's, and every one those consumers use, so their checks run as in a full load).
   */
  private inScope(
    scope: LoadScope,
    consumerFiles: string[],
  ): { endpoints: Set<string>; consumers: Set<string> } {
    const endpoints = new Set(scope.endpoints);
    const consumers = new Set<string>();
    for (const rel of consumerFiles) {
      const text = this.textOf(rel);
      const name = rel.slice(CONSUMERS.length + 1, -'.yaml'.length);
      const uses =
        text === undefined
          ? []
          : (cachedParse('consumer', this.repoPath(rel), name, text, () =>
              parseConsumerFile(text, this.repoPath(rel), { name }),
            ).value?.uses.map((use) => use.endpoint) ?? []);
      if (scope.consumers.has(rel) || uses.some((endpoint) => scope.endpoints.has(endpoint))) {
        consumers.add(rel);
        for (const endpoint of uses) endpoints.add(endpoint);
      }
    }
    return { endpoints, consumers };
  }

  private async build(scope?: LoadScope, layout?: TreeLayout): Promise<ContractSet> {
    const { policyFile, endpointDirs, consumerFiles, notes } =
      layout ?? treeLayout([...this.entries.keys()].sort(), (rel) => this.repoPath(rel));
    let policy = clonePolicy(DEFAULT_POLICY);
    for (const [rel, message] of notes) this.add(rel, message);

    if (policyFile !== undefined) {
      const text = this.textOf(policyFile);
      if (text !== undefined) {
        const parsed = cachedParse('policy', this.repoPath(policyFile), '', text, () =>
          parsePolicyFile(text, this.repoPath(policyFile as string)),
        );
        this.problems.push(...parsed.problems);
        if (parsed.value) policy = mergePolicy(parsed.value);
      }
    }

    await this.readWindmill();
    const selected = scope === undefined ? undefined : this.inScope(scope, consumerFiles);
    const endpoints = new Map<string, LoadedEndpoint>();
    // In a scoped load, the selected few, not the 10,000 folders of a large tree.
    const dirs =
      selected === undefined
        ? [...endpointDirs.keys()]
        : [...selected.endpoints].filter((dir) => endpointDirs.has(dir));
    for (const dir of dirs.sort()) {
      const loaded = this.loadEndpoint(dir, endpointDirs.get(dir) as EndpointFolder);
      if (loaded) endpoints.set(dir, loaded);
    }

    const consumers: LoadedConsumer[] = [];
    for (const rel of consumerFiles) {
      if (selected !== undefined && !selected.consumers.has(rel)) continue;
      const loaded = this.loadConsumer(rel, endpointDirs);
      if (loaded) consumers.push(loaded);
    }
    if (this.windmill) consumers.push(...this.windmillConsumers(this.windmill));

    const set: ContractSet = {
      root: this.root,
      policy,
      endpoints,
      consumers,
      problems: sortProblems(this.problems),
      unreadable: this.unreadable,
      position: (file, pointer) => this.position(file, pointer),
      text: (file) => {
        const prefix = this.root === '' ? '' : `${this.root}/`;
        return file.startsWith(prefix) ? this.textOf(file.slice(prefix.length)) : undefined;
      },
    };
    if (policyFile !== undefined) set.policyFile = this.repoPath(policyFile);
    return set;
  }

  // ---- reading -----------------------------------------------------------------------------------------

  private async preload(files: string[]): Promise<void> {
    const prefix = this.root === '' ? '' : `${this.root}/`;
    await Promise.all(
      files.map(async (file) => {
        if (!file.startsWith(prefix)) return;
        const rel = file.slice(prefix.length);
        const entry = await this.readEntry(file);
        this.entries.set(rel, entry);
        // Data files are read for what they are; other files only matter when something refers to them.
        if ('unusable' in entry && DATA_FILE.test(rel)) this.add(rel, entry.unusable);
      }),
    );
  }

  private async readEntry(file: string): Promise<Entry> {
    let data: Buffer;
    try {
      data = await this.source.read(file, { maxBytes: this.maxBytes });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      if (error.kind === 'too-large' && error.size !== undefined) {
        return {
          unusable: `file is ${formatBytes(error.size, true)}; the limit is ${formatBytes(this.maxBytes)} (maxBytes)`,
        };
      }
      return { unusable: error.message };
    }
    if (data.includes(0))
      return { unusable: 'binary file (it holds NUL bytes); contract files are UTF-8 text' };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return { unusable: 'binary file (not valid UTF-8); contract files are UTF-8 text' };
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }

  /** The text of a file (relative to the root); `undefined` when unusable (already reported). */
  private textOf(rel: string): string | undefined {
    const entry = this.entries.get(rel);
    return entry !== undefined && 'text' in entry ? entry.text : undefined;
  }

  // ---- problems and positions ------------------------------------------------------------------------

  /** A problem about a file relative to the root, optionally at a field path inside it. */
  private add(rel: string, message: string, fieldPath?: Path): void {
    const file = this.repoPath(rel);
    const problem: TreeProblem = { file, message };
    if (fieldPath !== undefined) {
      const at = this.position(file, toPointer(fieldPath));
      if (at) {
        problem.line = at.line;
        problem.column = at.column;
      }
      if (fieldPath.length > 0) problem.field = fieldName(fieldPath);
    }
    this.problems.push(problem);
  }

  /** Adds a problem unless the same one is there (a file that several `$ref`s fail to read). */
  private pushUnique(problem: TreeProblem): void {
    const same = this.problems.some(
      (p) =>
        p.file === problem.file &&
        p.message === problem.message &&
        p.line === problem.line &&
        p.column === problem.column,
    );
    if (!same) this.problems.push(problem);
  }

  /**
   * Records that an endpoint (`major` undefined) or a major is there but cannot be read, with the problems
   * that say why: `problems` given, and those already reported about `files` (relative to the root).
   */
  private markUnreadable(
    endpoint: string,
    major: number | undefined,
    files: string[],
    problems: TreeProblem[] = [],
  ): void {
    const paths = new Set(files.map((rel) => this.repoPath(rel)));
    const all = [...problems, ...this.problems.filter((p) => paths.has(p.file) && !problems.includes(p))];
    this.unreadable.push({
      endpoint,
      ...(major === undefined ? {} : { major }),
      problems: sortProblems(all),
    });
  }

  /**
   * Line and column of a JSON pointer in a file. `file` is relative to the repository root; a path relative
   * to the contract root (as in `ResolvedSchema` origins) is accepted too, when no file under the root has
   * that repository path.
   */
  private position(file: string, pointer: string): SourcePosition | undefined {
    if (file.includes('..')) file = path.posix.normalize(file);
    const windmill = this.windmill?.position(file, pointer);
    if (windmill !== undefined) return windmill;
    let repo: string | undefined;
    const prefix = this.root === '' ? '' : `${this.root}/`;
    if (file.startsWith(prefix) && this.entries.has(file.slice(prefix.length))) repo = file;
    else if (this.entries.has(file)) repo = this.repoPath(file);
    if (repo === undefined) return undefined;
    let index = this.indexes.get(repo);
    if (index === undefined) {
      const text = this.textOf(repo.slice(prefix.length));
      if (text === undefined) return undefined;
      index = positionIndex(text, repo);
      this.indexes.set(repo, index);
    }
    return index(pointer);
  }

  // ---- endpoints and versions ------------------------------------------------------------------------

  private loadEndpoint(
    dir: string,
    info: { endpointYaml: boolean; versions: Map<number, string[]> },
  ): LoadedEndpoint | undefined {
    const majors = [...info.versions.keys()].sort((a, b) => a - b);
    const endpointRel = `${dir}/endpoint.yaml`;
    const before = this.problems.length;
    if (!info.endpointYaml) {
      const first = majors.map((m) => `${dir}/v${m}/contract.yaml`).find((rel) => this.entries.has(rel));
      this.add(
        first ?? `${dir}/`,
        `\`${this.repoPath(dir)}/\` has version folders but no endpoint.yaml: add \`${this.repoPath(endpointRel)}\` (name, owner, route)`,
      );
      this.markUnreadable(dir, undefined, [`${dir}/endpoint.yml`], this.problems.slice(before));
    } else if (majors.length === 0) {
      this.add(
        endpointRel,
        `endpoint \`${dir}\` has no version folder: add \`${this.repoPath(`${dir}/v1/contract.yaml`)}\``,
      );
    }

    const versions = new Map<number, LoadedVersion>();
    for (const major of majors) {
      const version = this.loadVersion(dir, major, info.versions.get(major) ?? []);
      if (version) versions.set(major, version);
    }
    for (const version of versions.values()) {
      const replacement = version.contract.deprecation?.replacement;
      if (replacement !== undefined && !info.versions.has(replacement)) {
        this.add(
          `${dir}/v${version.major}/contract.yaml`,
          `\`deprecation.replacement\` is ${replacement}, but \`${dir}\` has no v${replacement}/ (majors: ${majors.join(', ')})`,
          ['deprecation', 'replacement'],
        );
      }
    }

    if (!info.endpointYaml) return undefined;
    const text = this.textOf(endpointRel);
    if (text === undefined) {
      this.markUnreadable(dir, undefined, [endpointRel]);
      return undefined;
    }
    const parsed = cachedParse('endpoint', this.repoPath(endpointRel), dir, text, () =>
      parseEndpointFile(text, this.repoPath(endpointRel), { name: dir }),
    );
    this.problems.push(...parsed.problems);
    if (!parsed.value) {
      this.markUnreadable(dir, undefined, [], parsed.problems);
      return undefined;
    }

    for (const [alias, major] of Object.entries(parsed.value.aliases ?? {})) {
      if (!info.versions.has(major)) {
        this.add(
          endpointRel,
          `alias \`${alias}\` points at v${major}, which does not exist (${majors.length > 0 ? `majors: ${majors.join(', ')}` : 'no version folders'})`,
          ['aliases', alias],
        );
      } else if (versions.get(major)?.contract.status === 'retired') {
        this.add(
          endpointRel,
          `alias \`${alias}\` points at v${major}, which is retired: point it at an active major`,
          ['aliases', alias],
        );
      }
    }
    return { name: dir, file: this.repoPath(endpointRel), endpoint: parsed.value, versions };
  }

  private loadVersion(dir: string, major: number, files: string[]): LoadedVersion | undefined {
    const rel = `${dir}/v${major}/contract.yaml`;
    if (!this.entries.has(rel)) {
      const misnamed = files.filter((file) => file.endsWith('/contract.yml'));
      if (misnamed.length === 0) {
        this.add(
          files[0] ?? rel,
          `version folder \`${this.repoPath(`${dir}/v${major}`)}/\` has no contract.yaml: add one, or remove the folder`,
        );
      }
      this.markUnreadable(dir, major, misnamed.length > 0 ? misnamed : [files[0] ?? rel]);
      return undefined;
    }
    const text = this.textOf(rel);
    if (text === undefined) {
      this.markUnreadable(dir, major, [rel]);
      return undefined;
    }
    const parsed = cachedParse('contract', this.repoPath(rel), `${dir}/${major}`, text, () =>
      parseContractFile(text, this.repoPath(rel), { endpoint: dir, major }),
    );
    this.problems.push(...parsed.problems);
    if (!parsed.value) {
      this.markUnreadable(dir, major, [], parsed.problems);
      return undefined;
    }
    if (parsed.value.openapi !== undefined) return this.loadOpenApiVersion(dir, major, rel, parsed.value);
    if (windmillScriptOf(parsed.value.input) !== undefined)
      return this.loadWindmillVersion(dir, major, rel, parsed.value);
    const failures: TreeProblem[] = [];
    // Without `openapi`, validation has made sure both are there.
    const input = this.resolve(rel, 'input', parsed.value.input ?? false, failures);
    const output = this.resolve(rel, 'output', parsed.value.output ?? false, failures);
    if (!input || !output) {
      this.markUnreadable(dir, major, [], failures);
      return undefined;
    }
    this.checkSpelling(input);
    this.checkSpelling(output);
    return { endpoint: dir, major, file: this.repoPath(rel), contract: parsed.value, input, output };
  }

  /**
   * A version whose schemas are one operation of an OpenAPI document (`openapi: { $ref, operation }`): the
   * document read from the same source as every other file, under the same rules as a schema `$ref` (never
   * a URL, never outside the contract root); a problem at the field or in the document otherwise.
   */
  private loadOpenApiVersion(
    dir: string,
    major: number,
    rel: string,
    contract: ContractFile,
  ): LoadedVersion | undefined {
    const ref = (contract.openapi as OpenApiRef).$ref;
    const before = this.problems.length;
    const fail = (message: string, field: Path): undefined => {
      this.add(rel, message, field);
      this.markUnreadable(dir, major, [], this.problems.slice(before));
      return undefined;
    };
    if (!isLocalDocumentRef(ref)) {
      return fail(
        `\`openapi.$ref\` ${JSON.stringify(ref)} is not a file under the contract root: contractguard never fetches; vendor the document into the tree`,
        ['openapi', '$ref'],
      );
    }
    if (ref.includes('#')) {
      return fail(
        `\`openapi.$ref\` ${JSON.stringify(ref)} names a document, without a \`#\` fragment: \`operation\` says which operation`,
        ['openapi', '$ref'],
      );
    }
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), ref));
    if (target === '..' || target.startsWith('../')) {
      return fail(
        `\`openapi.$ref\` ${JSON.stringify(ref)} leaves the contract root; keep the document under it`,
        ['openapi', '$ref'],
      );
    }
    if (!this.entries.has(target)) {
      const folder = path.posix.dirname(target);
      const near = [...this.entries.keys()].filter((other) => path.posix.dirname(other) === folder);
      const guess = closest(
        path.posix.basename(target),
        near.map((other) => path.posix.basename(other)),
      );
      return fail(
        `\`openapi.$ref\` ${JSON.stringify(ref)} does not exist (\`${this.repoPath(target)}\`)${guess === undefined ? '' : `; did you mean \`${guess}\`?`}`,
        ['openapi', '$ref'],
      );
    }
    let document: OpenApiDocument;
    try {
      document = this.openApiDocument(target);
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      const problem = this.schemaProblem(error, rel, '', ['openapi']);
      this.pushUnique(problem);
      this.markUnreadable(dir, major, [], [problem]);
      return undefined;
    }
    const built = contractOf(document, (contract.openapi as OpenApiRef).operation);
    if (typeof built === 'string') return fail(built, ['openapi', 'operation']);
    this.checkSpelling(built.input);
    this.checkSpelling(built.output);
    return {
      endpoint: dir,
      major,
      file: this.repoPath(rel),
      contract,
      input: built.input,
      output: built.output,
      openapi: {
        file: this.repoPath(target),
        operation: built.operation,
        derivedFrom: built.derivedFrom,
      },
    };
  }

  /**
   * An OpenAPI document of the tree, read once however many contracts name it, and shared with the other
   * loads of the process while every file it read is unchanged (a diff's base and head, one document for
   * every operation of a service). Read-only, like everything in a `ContractSet`. Throws its `SchemaError`.
   */
  private openApiDocument(target: string): OpenApiDocument {
    const key = `${this.virtualRoot}\0${target}\0${this.maxBytes}\0${this.maxDepth}`;
    const cached = openApiCache.get(key);
    if (cached !== undefined && cached.deps.every(([file, text]) => this.textOf(file) === text))
      return cached.result;
    const deps = new Map<string, string>();
    // A document that does not read is read again next time: what it lacked may be there then.
    const result = loadOpenApi(path.join(this.virtualRoot, ...target.split('/')), {
      root: this.virtualRoot,
      readDocument: (abs) => this.readDocument(abs, deps),
      realpath: (abs) => abs,
      maxBytes: this.maxBytes,
      maxDepth: this.maxDepth,
    });
    openApiCache.delete(key);
    openApiCache.set(key, { deps: [...deps], result });
    for (const old of openApiCache.keys()) {
      if (openApiCache.size <= OPENAPI_CACHE_SIZE) break;
      openApiCache.delete(old);
    }
    return result;
  }

  // ---- consumers ---------------------------------------------------------------------------------------

  private loadConsumer(
    rel: string,
    endpointDirs: Map<string, { versions: Map<number, string[]> }>,
  ): LoadedConsumer | undefined {
    const text = this.textOf(rel);
    if (text === undefined) return undefined;
    const name = rel.slice(CONSUMERS.length + 1, -'.yaml'.length);
    const parsed = cachedParse('consumer', this.repoPath(rel), name, text, () =>
      parseConsumerFile(text, this.repoPath(rel), { name }),
    );
    this.problems.push(...parsed.problems);
    if (!parsed.value) return undefined;
    let known: string[] | undefined;
    const expects: (ResolvedSchema | undefined)[] = [];
    parsed.value.uses.forEach((use, index) => {
      const endpoint = endpointDirs.get(use.endpoint);
      if (endpoint === undefined) {
        const guess = closest(use.endpoint, (known ??= [...endpointDirs.keys()].sort()));
        this.add(
          rel,
          `consumer uses endpoint \`${use.endpoint}\`, which does not exist under \`${this.root || '.'}/\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
          ['uses', index, 'endpoint'],
        );
      } else if (!endpoint.versions.has(use.version)) {
        const majors = [...endpoint.versions.keys()].sort((a, b) => a - b);
        this.add(
          rel,
          `consumer uses v${use.version} of \`${use.endpoint}\`, which has no such major (majors: ${majors.join(', ') || 'none'})`,
          ['uses', index, 'version'],
        );
      }
      expects[index] =
        use.expects === undefined ? undefined : this.resolve(rel, ['uses', index, 'expects'], use.expects);
      if (expects[index] !== undefined) this.checkSpelling(expects[index]);
      (use.fixtures ?? []).forEach((fixture, f) => {
        for (const side of ['request', 'response'] as const) {
          const ref = fixture[side];
          if (ref === undefined || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) || ref.startsWith('/')) continue;
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), ref));
          const where: Path = ['uses', index, 'fixtures', f, side];
          if (target === '..' || target.startsWith('../')) {
            this.add(
              rel,
              `fixture ${JSON.stringify(ref)} leaves the contract root; keep fixtures under it`,
              where,
            );
          } else if (!this.entries.has(target)) {
            this.add(
              rel,
              `fixture ${JSON.stringify(ref)} does not exist (\`${this.repoPath(target)}\`)`,
              where,
            );
          } else {
            const entry = this.entries.get(target);
            if (entry && 'unusable' in entry && !DATA_FILE.test(target)) {
              this.add(rel, `fixture ${JSON.stringify(ref)}: ${entry.unusable}`, where);
            }
          }
        }
      });
    });
    return { file: this.repoPath(rel), consumer: parsed.value, expects };
  }

  // ---- Windmill ----------------------------------------------------------------------------------------

  /**
   * Reads the Windmill files of the workspace around the root (the folder holding it) when a contract
   * refers to a script: from the same source, never outside the repository.
   */
  private async readWindmill(): Promise<void> {
    const wanted = [...this.entries].some(
      ([rel, entry]) =>
        rel.endsWith('/contract.yaml') && 'text' in entry && /\bwindmill\s*:/.test(entry.text),
    );
    if (!wanted) return;
    const root = workspaceOf(this.root);
    const prefix = root === '' ? '' : `${root}/`;
    const files = (await this.source.list(root)).filter(
      (file) => file.startsWith(prefix) && windmillFile(file.slice(prefix.length)) !== undefined,
    );
    const texts = new Map<string, string>();
    const unusable = new Map<string, string>();
    await Promise.all(
      files.map(async (file) => {
        const entry = await this.readEntry(file);
        if ('text' in entry) texts.set(file, entry.text);
        else unusable.set(file, entry.unusable);
      }),
    );
    this.windmill = readWorkspace(root, texts);
    for (const [file, message] of unusable) this.windmill.problems.set(file, [{ file, message }]);
  }

  /**
   * A version whose input is a Windmill script's argument schema (`input: { windmill: f/… }`): the schema
   * from the `.script.yaml` at the same ref (positions in that file), the script's settings and HTTP
   * trigger mapped onto the contract (src/windmill/contract.ts).
   */
  private loadWindmillVersion(
    dir: string,
    major: number,
    rel: string,
    written: ContractFile,
  ): LoadedVersion | undefined {
    const name = windmillScriptOf(written.input) as string;
    const before = this.problems.length;
    const fail = (): undefined => {
      this.markUnreadable(dir, major, [], this.problems.slice(before));
      return undefined;
    };
    // A path that is not a script path is reported by the contract's validation.
    if (!isScriptPath(name)) return fail();
    const workspace = this.windmill;
    const expected = inWorkspace(workspace?.root ?? workspaceOf(this.root), scriptFile(name));
    const script = workspace?.scripts.get(name);
    if (workspace === undefined || script === undefined) {
      const unreadable = workspace?.problems.get(expected);
      if (unreadable) this.problems.push(...unreadable);
      else {
        const guess = closest(name, [...(workspace?.scripts.keys() ?? [])]);
        this.add(
          rel,
          `\`input.windmill\`: no Windmill script \`${name}\` at this ref (\`${expected}\` does not exist)${guess === undefined ? '' : `; did you mean \`${guess}\`?`}`,
          ['input', 'windmill'],
        );
      }
      return fail();
    }
    if (script.schema === undefined) {
      this.problems.push({
        file: script.file,
        message: `the script has no \`schema\` of its arguments: \`input\` of ${this.repoPath(rel)} reads it (run \`wmill script generate-metadata\`)`,
      });
      return fail();
    }
    const failures: TreeProblem[] = [];
    const input = this.resolve(rel, 'input', script.schema as SchemaRef, failures);
    const output = this.resolve(rel, 'output', written.output ?? true, failures);
    if (!input || !output) return fail();
    // The inline resolution points into contract.yaml; the schema is written in the .script.yaml.
    const scriptRel = path.posix.relative(this.root === '' ? '.' : this.root, script.file);
    rebaseWindmill(input, rel, scriptRel);
    const resolved = { ...input, file: scriptRel };
    this.checkSpelling(resolved);
    this.checkSpelling(output);
    const bound = bindScript(written, script, triggerOf(name, workspace.triggers));
    for (const conflict of bound.conflicts) this.add(rel, conflict.message, conflict.field);
    this.bindings.set(name, { endpoint: dir, major, owner: written.owner });
    return {
      endpoint: dir,
      major,
      file: this.repoPath(rel),
      contract: bound.contract,
      input: resolved,
      output,
      sources: bound.sources,
      windmill: { script: name, file: script.file },
    };
  }

  /**
   * The flows, schedules and HTTP triggers calling a script that backs a contract, as consumers; and the
   * problems of the Windmill files besides scripts that could not be read (any of them may call one; a
   * script's own problems are reported where a contract reads it).
   */
  private windmillConsumers(workspace: WindmillWorkspace): LoadedConsumer[] {
    for (const [file, problems] of workspace.problems) {
      const prefix = workspace.root === '' ? '' : `${workspace.root}/`;
      if (windmillFile(file.slice(prefix.length))?.kind === 'script') continue;
      for (const problem of problems) this.pushUnique(problem);
    }
    return discoverConsumers(workspace, this.bindings);
  }

  // ---- schemas -----------------------------------------------------------------------------------------

  /**
   * Resolves a schema written in a YAML file (`input: { $ref: ./input.schema.json }` or inline) at `at`
   * (a field, or a field path). Origins name files relative to the contract root; the nodes of an inline
   * schema get pointers inside the YAML file (`/input/properties/id`).
   */
  private resolve(
    rel: string,
    at: string | Path,
    schema: SchemaRef,
    failures?: TreeProblem[],
  ): ResolvedSchema | undefined {
    const fieldPath: Path = typeof at === 'string' ? [at] : at;
    const prefix = toPointer(fieldPath);
    const key = `${this.virtualRoot}\0${rel}\0${prefix}\0${this.maxBytes}\0${this.maxDepth}`;
    const cached = typeof schema === 'object' ? resolveCache.get(schema)?.get(key) : undefined;
    if (cached !== undefined && cached.deps.every(([file, text]) => this.textOf(file) === text))
      return cached.result;
    const deps = new Map<string, string>();
    try {
      const resolved = resolveSchema(schema, {
        file: path.join(this.virtualRoot, ...rel.split('/')),
        root: this.virtualRoot,
        readDocument: (abs) => this.readDocument(abs, deps),
        // The documents are not on disk: nothing there may take part, and no path is looked up.
        realpath: (abs) => abs,
        maxBytes: this.maxBytes,
        maxDepth: this.maxDepth,
      });
      rebaseInline(resolved, rel, prefix);
      const rootOrigin = typeof resolved.root === 'object' ? resolved.origins.get(resolved.root) : undefined;
      const result = { ...resolved, file: rootOrigin?.file ?? rel };
      if (typeof schema === 'object') {
        let byKey = resolveCache.get(schema);
        if (byKey === undefined) resolveCache.set(schema, (byKey = new Map()));
        byKey.set(key, { deps: [...deps], result });
      }
      return result;
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      const problem = this.schemaProblem(error, rel, prefix, fieldPath);
      this.pushUnique(problem);
      failures?.push(problem);
      return undefined;
    }
  }

  /**
   * A keyword a small typo away from a known one (`minLenght`) is ignored by every validator, and with it
   * the constraint it meant: a problem at the keyword, once per place (schemas are shared between majors).
   */
  private checkSpelling(resolved: ResolvedSchema): void {
    let problems = spellingCache.get(resolved);
    if (problems === undefined) {
      problems = [];
      for (const { node, keyword, guess } of misspeltKeywords(resolved.root)) {
        const origin = resolved.origins.get(node);
        if (origin === undefined) continue;
        const file = this.repoPath(origin.file);
        const problem: TreeProblem = {
          file,
          message: `\`${keyword}\` is not a JSON Schema keyword; did you mean \`${guess}\`? Validators ignore unknown keywords, so as written it constrains nothing (name an annotation of your own \`x-${keyword}\`)`,
        };
        const at = this.position(
          file,
          `${origin.pointer}/${keyword.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        );
        if (at) {
          problem.line = at.line;
          problem.column = at.column;
        }
        problems.push(problem);
      }
      spellingCache.set(resolved, problems);
    }
    for (const problem of problems) this.pushUnique(problem);
  }

  /** Parses a schema file for the resolver, recording its text in `deps`. */
  private readDocument(abs: string, deps: Map<string, string>): Json {
    const rel = toPosix(path.relative(this.virtualRoot, abs));
    const entry = this.entries.get(rel);
    if (entry !== undefined && 'text' in entry) deps.set(rel, entry.text);
    const cached = this.documents.get(rel);
    if (cached instanceof SchemaError) throw cached;
    if (cached !== undefined) return cached;
    if (entry === undefined) {
      const folder = path.posix.dirname(rel);
      const near = [...this.entries.keys()].filter((other) => path.posix.dirname(other) === folder);
      const guess = closest(
        path.posix.basename(rel),
        near.map((other) => path.posix.basename(other)),
      );
      throw new Error(
        `no such file in the contract tree (\`${this.repoPath(rel)}\`)${guess === undefined ? '' : `; did you mean \`${guess}\`?`}`,
      );
    }
    // Reported as a problem of that file (once: see `pushUnique`).
    if ('unusable' in entry) throw new SchemaError(rel, entry.unusable);
    try {
      const json = parseSchemaText(entry.text, { file: rel, maxDepth: this.maxDepth });
      this.documents.set(rel, json);
      return json;
    } catch (error) {
      if (error instanceof SchemaError) this.documents.set(rel, error);
      throw error;
    }
  }

  /** A `SchemaError` (file relative to the contract root) as a problem with a line and column. */
  private schemaProblem(
    error: SchemaError,
    yamlRel: string,
    inlinePrefix: string,
    fieldPath: Path,
  ): TreeProblem {
    const inYaml = error.file === yamlRel;
    const file = this.repoPath(error.file);
    let message = error.problem.split(this.virtualRoot).join(this.root === '' ? '.' : this.root);
    const problem: TreeProblem = { file, message };
    if (error.line !== undefined) {
      problem.line = error.line;
      const column = / \(column (\d+)\)$/.exec(message);
      if (column) {
        problem.column = Number(column[1]);
        message = message.slice(0, column.index);
      }
    } else if (error.pointer !== undefined) {
      const pointer = inYaml ? `${inlinePrefix}${error.pointer}` : error.pointer;
      const at = this.position(file, pointer);
      if (at) {
        problem.line = at.line;
        problem.column = at.column;
      }
      if (!inYaml) message += ` (at ${error.pointer || '/'})`;
    }
    if (inYaml) {
      const tokens = error.pointer === undefined ? [] : (parsePointer(error.pointer) ?? []);
      problem.field = fieldName([...fieldPath, ...tokens]);
      message = `\`${fieldName(fieldPath)}\`: ${message}`;
    }
    problem.message = message;
    return problem;
  }
}

/** The script path of `{ windmill: f/… }`, or undefined for any other schema reference. */
function windmillScriptOf(ref: SchemaRef | undefined): string | undefined {
  if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) return undefined;
  const keys = Object.keys(ref);
  const script = (ref as Record<string, unknown>).windmill;
  return keys.length === 1 && typeof script === 'string' ? script : undefined;
}

/**
 * Moves the nodes of a Windmill schema resolved inline at `/input` of contract.yaml to where they are
 * written: under `/schema` of the script's metadata (`scriptRel`, relative to the contract root).
 */
function rebaseWindmill(resolved: ResolvedSchema, rel: string, scriptRel: string): void {
  rebaseOrigins(resolved, rel, (pointer) =>
    pointer === '/input' || pointer.startsWith('/input/')
      ? { file: scriptRel, pointer: `/schema${pointer.slice(6)}` }
      : undefined,
  );
}

/**
 * Prefixes the pointers of the nodes that came from the YAML file itself (an inline schema, or the
 * `{ allOf }` made of a `$ref` with siblings) with the schema's place in that file.
 */
function rebaseInline(resolved: ResolvedSchema, rel: string, prefix: string): void {
  rebaseOrigins(resolved, rel, (pointer) => ({ file: rel, pointer: `${prefix}${pointer}` }));
}

/**
 * Walks the nodes that came from file `rel`, from the root down, and gives each the origin `moved` returns
 * for its pointer; a node it leaves alone (`undefined`), or that came from another file, stops the walk there.
 */
function rebaseOrigins(
  resolved: ResolvedSchema,
  rel: string,
  moved: (pointer: string) => { file: string; pointer: string } | undefined,
): void {
  if (typeof resolved.root !== 'object') return;
  const seen = new Set<object>();
  const stack: object[] = [resolved.root];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    if (seen.has(node)) continue;
    seen.add(node);
    const origin = resolved.origins.get(node);
    if (origin === undefined || origin.file !== rel) continue;
    const to = moved(origin.pointer);
    if (to === undefined) continue;
    resolved.origins.set(node, to);
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

/**
 * Parsed YAML files of recent loads, by kind, path, folder context and text: a diff loads two refs that
 * share most files, and YAML parsing is the bulk of a load. Bounded by the characters of the keys. Values
 * are shared between the sets of both loads (never mutated by contractguard; treat them as read-only).
 */
const parseCache = new Map<string, ParseResult<unknown>>();
const PARSE_CACHE_CHARS = 64 * 1024 * 1024;
let parseCacheChars = 0;

function cachedParse<T>(
  kind: string,
  file: string,
  context: string,
  text: string,
  parse: () => ParseResult<T>,
): ParseResult<T> {
  const key = `${kind}\0${file}\0${context}\0${text}`;
  const hit = parseCache.get(key);
  if (hit !== undefined) {
    parseCache.delete(key);
    parseCache.set(key, hit);
    return hit as ParseResult<T>;
  }
  const result = parse();
  if (key.length > PARSE_CACHE_CHARS / 16) return result;
  parseCache.set(key, result);
  parseCacheChars += key.length;
  for (const old of parseCache.keys()) {
    if (parseCacheChars <= PARSE_CACHE_CHARS) break;
    parseCache.delete(old);
    parseCacheChars -= old.length;
  }
  return result;
}

/**
 * Resolved schemas of recent loads, by the schema value written in the YAML file (shared through
 * `parseCache` when that file is unchanged) and where it was resolved; reused when every file the
 * resolution read still has the same text. A diff's two refs then share the resolved graphs of unchanged
 * versions (identical objects: never mutate them). Entries live as long as their parse-cache entry.
 */
const resolveCache = new WeakMap<object, Map<string, { deps: [string, string][]; result: ResolvedSchema }>>();

/**
 * OpenAPI documents of recent loads, by where they were read; reused when every file the reading took
 * (the document and the files its `$ref`s name) still has the same text. A few documents per tree at most.
 */
const openApiCache = new Map<string, { deps: [string, string][]; result: OpenApiDocument }>();
const OPENAPI_CACHE_SIZE = 16;

/** Misspelt keywords of a resolved schema (shared through `resolveCache`, so its files are unchanged). */
const spellingCache = new WeakMap<ResolvedSchema, TreeProblem[]>();

function clonePolicy(policy: Policy): Policy {
  return {
    ...policy,
    approvers: [...policy.approvers],
    // Keyed by rule ids from the policy file: no prototype, so no id reads as a built-in.
    rules: Object.assign(
      Object.create(null) as Policy['rules'],
      Object.fromEntries(Object.entries(policy.rules).map(([id, value]) => [id, { ...value }])),
    ),
    canary: { trustedApps: [...policy.canary.trustedApps] },
  };
}

/** `contractguard.yaml` over `DEFAULT_POLICY`: each key given replaces the default; `rules` are merged. */
export function mergePolicy(file: PolicyFile): Policy {
  const policy = clonePolicy(DEFAULT_POLICY);
  if (file.semantics !== undefined) policy.semantics = file.semantics;
  if (file.failOn !== undefined) policy.failOn = file.failOn;
  if (file.requireMinorBump !== undefined) policy.requireMinorBump = file.requireMinorBump;
  if (file.deprecationWindowDays !== undefined) policy.deprecationWindowDays = file.deprecationWindowDays;
  if (file.approvers !== undefined) policy.approvers = [...file.approvers];
  for (const [id, value] of Object.entries(file.rules ?? {}))
    policy.rules[id] = { ...policy.rules[id], ...value };
  if (file.canary?.trustedApps !== undefined) policy.canary.trustedApps = [...file.canary.trustedApps];
  return policy;
}

function sortProblems(problems: TreeProblem[]): TreeProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (a.problem.file < b.problem.file ? -1 : a.problem.file > b.problem.file ? 1 : 0) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** Repository path of a path relative to the contract root `root`. */
function repoPathOf(root: string, rel: string): string {
  if (rel.startsWith('../')) return path.posix.join(root, rel);
  return root === '' ? rel : `${root}/${rel}`;
}

/**
 * The layout of a listing, made once per listing: a derived listing's (a PR's head listed as its base with
 * the changes applied) is its base's with the top folders that a changed name is in laid out again.
 */
function layoutOf(listing: Listing): TreeLayout {
  return listing.remember('load.layout', () => {
    const repoPath = (rel: string) => repoPathOf(listing.root, rel);
    if (listing.from === undefined) return treeLayout(listing.names(), repoPath);
    const base = layoutOf(listing.from);
    const tops = new Set<string>();
    let top = false;
    for (const rel of listing.changed) {
      const slash = rel.indexOf('/');
      if (slash < 0) top = true;
      else tops.add(rel.slice(0, slash));
    }
    const affected = (rel: string) => {
      const slash = rel.indexOf('/');
      return slash < 0 ? top : tops.has(rel.slice(0, slash));
    };
    // The names that the changed ones can affect the layout of, laid out as a tree of their own.
    const names: string[] = [];
    if (top) {
      for (const rel of base.topFiles) if (!listing.changed.has(rel)) names.push(rel);
      for (const rel of listing.present) if (rel.indexOf('/') < 0) names.push(rel);
    }
    for (const dir of tops) names.push(...listing.under(dir));
    const part = treeLayout(names.sort(), repoPath);
    const endpointDirs = new Map(base.endpointDirs);
    for (const dir of tops) endpointDirs.delete(dir);
    for (const [dir, info] of part.endpointDirs) endpointDirs.set(dir, info);
    return {
      policyFile: top ? part.policyFile : base.policyFile,
      endpointDirs,
      consumerFiles: tops.has(CONSUMERS) ? part.consumerFiles : base.consumerFiles,
      // One note at most per name, in the order of the names.
      notes: [...base.notes.filter(([rel]) => !affected(rel)), ...part.notes].sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      ),
      topFiles: top ? part.topFiles : base.topFiles,
    };
  });
}

/** What the file names alone say of a tree: its policy file, endpoint folders, consumer files, misplaced files. */
interface TreeLayout {
  /** The files at the top of the tree, in order. */
  topFiles: string[];
  policyFile: string | undefined;
  endpointDirs: Map<string, EndpointFolder>;
  consumerFiles: string[];
  /** Problems with a file's place or name, in the order of the files. */
  notes: [rel: string, message: string][];
}

interface EndpointFolder {
  endpointYaml: boolean;
  versions: Map<number, string[]>;
}

/**
 * The layout of a tree from its sorted file names (relative to the root). A scoped load computes it once
 * for all its rounds: with 70,000 files listed, scanning them costs more than loading the few endpoints read.
 */
function treeLayout(rels: readonly string[], repoPath: (rel: string) => string): TreeLayout {
  let policyFile: string | undefined;
  const endpointDirs = new Map<string, EndpointFolder>();
  const consumerFiles: string[] = [];
  const notes: [string, string][] = [];
  const topFiles: string[] = [];
  const rename = (rel: string, to: string) =>
    notes.push([rel, `contractguard reads \`${repoPath(to)}\`: rename this file (.yml is not read)`]);
  // Sorted names come folder by folder: the names (and answers) of the folders before are usually the ones,
  // so a name is scanned, not cut into parts (70,000 names in a large tree).
  let dir = '';
  let info: EndpointFolder | undefined;
  let second = '';
  let folder: RegExpExecArray | null = null;
  let list: string[] | undefined;
  const ensure = (): EndpointFolder => {
    if (info === undefined) {
      info = endpointDirs.get(dir);
      if (info === undefined) endpointDirs.set(dir, (info = { endpointYaml: false, versions: new Map() }));
    }
    return info;
  };

  for (const rel of rels) {
    const a = rel.indexOf('/');
    if (a < 0) {
      topFiles.push(rel);
      if (rel === 'contractguard.yaml') policyFile = rel;
      else if (rel === 'contractguard.yml') rename(rel, 'contractguard.yaml');
      continue;
    }
    if (a !== dir.length || !rel.startsWith(dir)) {
      dir = rel.slice(0, a);
      info = undefined;
      list = undefined;
    }
    const b = rel.indexOf('/', a + 1);
    if (dir === CONSUMERS) {
      if (b < 0 && rel.endsWith('.yaml')) consumerFiles.push(rel);
      else if (b < 0 && rel.endsWith('.yml')) rename(rel, `${rel.slice(0, -4)}.yaml`);
      continue;
    }
    if (b < 0) {
      const name = rel.slice(a + 1);
      if (name === 'endpoint.yaml') ensure().endpointYaml = true;
      else if (name === 'endpoint.yml') rename(rel, `${dir}/endpoint.yaml`);
      else if (name === 'contract.yaml') {
        notes.push([
          rel,
          `contract.yaml belongs in a version folder: move it to \`${repoPath(`${dir}/v1/contract.yaml`)}\` (v<major>)`,
        ]);
      }
      continue;
    }
    if (b - a - 1 !== second.length || !rel.startsWith(second, a + 1)) {
      second = rel.slice(a + 1, b);
      folder = VERSION_FOLDER.exec(second);
      list = undefined;
    }
    /** Three names: none follows the third (then a name it ends with, after a `/`, is the third). */
    const three = rel.indexOf('/', b + 1) < 0;
    if (folder) {
      if (list === undefined) {
        const versions = ensure().versions;
        const major = Number(folder[1]);
        list = versions.get(major);
        if (list === undefined) versions.set(major, (list = []));
      }
      list.push(rel);
      if (three && rel.endsWith('/contract.yml')) rename(rel, `${dir}/${second}/contract.yaml`);
    } else if (three && rel.endsWith('/contract.yaml')) {
      notes.push([
        rel,
        `\`${second}/\` is not a version folder: a major version lives in a folder named v<major> (v1, v2, …)`,
      ]);
    }
  }

  return { topFiles, policyFile, endpointDirs, consumerFiles, notes };
}
