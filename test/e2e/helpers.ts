/** Real git repositories in temp dirs, and the CLI run against them. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export { cli, type Outcome } from '../helpers/cli.js';

export class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), 'contractguard-e2e-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'test');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8' }).trim();
  }

  /** Writes files (objects as JSON, strings verbatim, Buffers as bytes) relative to the repo. */
  write(files: Record<string, unknown>): this {
    for (const [path, content] of Object.entries(files)) {
      const abs = join(this.dir, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(
        abs,
        Buffer.isBuffer(content) || typeof content === 'string'
          ? content
          : `${JSON.stringify(content, null, 2)}\n`,
      );
    }
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { recursive: true, force: true });
    return this;
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-qm', message, '--allow-empty');
    return this.git('rev-parse', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A small valid tree: one endpoint with v1 (deprecated, far-future date) and v2, one consumer. */
export function baseTree(): Record<string, unknown> {
  const input = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['customerId'],
    properties: { customerId: { type: 'string' }, dryRun: { type: 'boolean', default: false } },
  };
  const output = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id: { type: 'string' },
      status: { $ref: '#/$defs/Status' },
      email: { type: 'string', format: 'email' },
    },
    $defs: { Status: { enum: ['active', 'paused'] } },
  };
  const contract = (major: number, extra: string[] = []) =>
    [
      'endpoint: sync-customers',
      `version: ${major}.1.0`,
      'owner: "@acme/crm-team"',
      `status: ${major === 1 ? 'deprecated' : 'active'}`,
      ...(major === 1 ? ['deprecation: { date: 2099-12-31, replacement: 2 }'] : []),
      'input: { $ref: ./input.schema.json }',
      'output: { $ref: ./output.schema.json }',
      'sideEffects:',
      '  writes: [crm.customers]',
      '  idempotent: true',
      '  idempotencyKey: customerId',
      'operational:',
      '  timeoutMs: 30000',
      'errors:',
      '  - { code: CRM_TIMEOUT, status: 504, retryable: true }',
      'auth: { roles: [crm-sync] }',
      ...extra,
      '',
    ].join('\n');
  return {
    'contracts/contractguard.yaml': 'semantics: pragmatic\nfailOn: breaking\nrequireMinorBump: error\n',
    'contracts/sync-customers/endpoint.yaml':
      'name: sync-customers\nowner: "@acme/crm-team"\nroute: /internal/syncCustomers/v{major}\n' +
      'aliases: { prod: 2, latest: 2 }\n',
    'contracts/sync-customers/v1/contract.yaml': contract(1),
    'contracts/sync-customers/v1/input.schema.json': input,
    'contracts/sync-customers/v1/output.schema.json': output,
    'contracts/sync-customers/v2/contract.yaml': contract(2),
    'contracts/sync-customers/v2/input.schema.json': input,
    'contracts/sync-customers/v2/output.schema.json': output,
    'contracts/consumers/ops-dashboard.yaml':
      'name: ops-dashboard\nowner: "@acme/ops"\nkind: dashboard\nuses:\n  - endpoint: sync-customers\n    version: 2\n',
  };
}
