/**
 * The example tree (contracts-example) as `contracts/` of a real git repository, with branch `pr` checked
 * out for a test to change, and the bundled CLI run in it (test/helpers/cli-process.ts).
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

import { useBundledCli } from '../helpers/cli-process.js';
import type { Outcome } from '../helpers/cli.js';
import { Repo } from './helpers.js';

const EXAMPLE = fileURLToPath(new URL('../../contracts-example', import.meta.url));

export type Json = Record<string, unknown>;

export interface ExampleRepo {
  /** A fresh repository: the example tree as `contracts/` on `main`, and branch `pr` checked out. */
  example(): Repo;
  /** example(), with a commit on `pr` that makes sync-customers v3 require `tenantId` (a break). */
  breakingExample(): Repo;
  /**
   * example(), with sync-customers v4 made by `new-version` (which must succeed) and requiring `tenantId`,
   * committed on `pr`; returns the deprecation date new-version gave v3.
   */
  newMajorExample(): Promise<string | undefined>;
  /** The repository of the running test (made by example()), removed after it. */
  readonly repo: Repo;
  read(file: string): string;
  /** Replaces `from` by `to` in `file`, failing the test if that changes nothing. */
  edit(file: string, from: string | RegExp, to: string): void;
  editJson(file: string, change: (json: Json) => void): void;
  /** A new required request field in `dir`'s input schema: breaking for every caller of the major. */
  requireTenant(dir: string): void;
  /** The bundled CLI run in the repository. */
  cg(...argv: string[]): Promise<Outcome>;
}

/** The example repository and the CLI for a test file (registers the bundle and the clean-up hooks). */
export function useExampleRepo(): ExampleRepo {
  const cli = useBundledCli();
  let current: Repo | undefined;
  afterEach(() => current?.cleanup());
  const self: ExampleRepo = {
    example() {
      current = new Repo();
      cpSync(EXAMPLE, join(current.dir, 'contracts'), { recursive: true });
      current.commit('contracts');
      current.git('checkout', '-qb', 'pr');
      return current;
    },
    breakingExample() {
      const repo = self.example();
      self.requireTenant('contracts/sync-customers/v3');
      repo.commit('require tenantId in v3');
      return repo;
    },
    async newMajorExample() {
      const repo = self.example();
      const made = await self.cg('new-version', 'sync-customers', '--root', 'contracts');
      expect(made.code).toBe(0);
      self.requireTenant('contracts/sync-customers/v4');
      repo.commit('v4 requires tenantId');
      return /deprecation: \{ date: (\d{4}-\d{2}-\d{2})/.exec(
        self.read('contracts/sync-customers/v3/contract.yaml'),
      )?.[1];
    },
    get repo(): Repo {
      if (current === undefined) throw new Error('call example() first');
      return current;
    },
    read: (file) => readFileSync(join(self.repo.dir, file), 'utf8'),
    edit(file, from, to) {
      const before = self.read(file);
      const after = before.replace(from, to);
      expect(after, `${String(from)} in ${file}`).not.toBe(before);
      self.repo.write({ [file]: after });
    },
    editJson(file, change) {
      const json = JSON.parse(self.read(file)) as Json;
      change(json);
      self.repo.write({ [file]: json });
    },
    requireTenant(dir) {
      self.editJson(`${dir}/input.schema.json`, (schema) => {
        schema.properties = { ...(schema.properties as Json), tenantId: { type: 'string' } };
        schema.required = [...((schema.required as string[] | undefined) ?? []), 'tenantId'];
      });
    },
    cg: (...argv) => cli(argv, self.repo.dir),
  };
  return self;
}
