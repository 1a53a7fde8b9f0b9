/** In-memory ports for the PR check: a contract source over a file map, and people with fixed rights. */
import type { ApprovalScope, ApproverVerdict, LabelApplier, People } from '../../src/check/ports.js';
import { type ContractSource, SourceError } from '../../src/load/source.js';

export class MemorySource implements ContractSource {
  constructor(
    private readonly files: Record<string, string | Buffer>,
    readonly label = 'memory',
  ) {}

  async list(root: string): Promise<string[]> {
    return Object.keys(this.files)
      .filter((p) => root === '' || p.startsWith(`${root}/`))
      .sort();
  }

  async read(path: string): Promise<Buffer> {
    const content = this.files[path];
    if (content === undefined) throw new SourceError(path, 'missing', 'no such file');
    return Buffer.isBuffer(content) ? content : Buffer.from(content);
  }
}

/** People who may approve: `admins` anything, `owners` the endpoints whose base owner names them. */
export class FakePeople implements People {
  readonly asked: { login: string; scope: ApprovalScope }[] = [];

  constructor(
    private readonly rights: { admins?: string[]; owners?: Record<string, string[]> } = {},
    private readonly labeller: LabelApplier = { unknown: 'nobody applied it' },
  ) {}

  async mayApprove(login: string, scope: ApprovalScope): Promise<ApproverVerdict> {
    this.asked.push({ login, scope });
    if (this.rights.admins?.includes(login)) return { allowed: true, as: 'an admin of acme/api' };
    const owns = scope.endpoints.every(
      (e) => e.owner !== undefined && (this.rights.owners?.[e.owner] ?? []).includes(login),
    );
    if (scope.endpoints.length > 0 && owns) {
      return { allowed: true, as: `the owner of ${scope.endpoints.map((e) => e.name).join(', ')}` };
    }
    return { allowed: false, why: ['not an admin or maintainer of acme/api'] };
  }

  async labelApplier(): Promise<LabelApplier> {
    return this.labeller;
  }
}
