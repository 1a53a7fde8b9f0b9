/**
 * The `contractguard` check run on a commit: created once per head SHA and updated in place afterwards (a
 * repeated delivery or a re-run finds the existing run by name), completed with a conclusion, a Markdown
 * summary and the annotations — GitHub takes at most 50 annotations per request, so the rest follow in
 * further updates of the same run.
 */
import type { Annotation } from '../report/annotations.js';
import { CHECK_OUTPUT_LIMIT } from '../report/pull-request.js';

export { CHECK_OUTPUT_LIMIT };

export const CHECK_RUN_NAME = 'contractguard';
/**
 * Set on the runs this module creates, and required of a run it updates: a workflow job that happens to be
 * named `contractguard` also has a check run of that name (GitHub Actions' own, which we may not update).
 */
export const CHECK_RUN_EXTERNAL_ID = 'contractguard-report';
export const ANNOTATIONS_PER_REQUEST = 50;

export type CheckConclusion = 'success' | 'failure' | 'neutral';

interface ApiAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

interface CheckOutput {
  title: string;
  summary: string;
  annotations?: ApiAnnotation[];
}

/** The part of an Octokit client this module uses (Probot's and `@actions/github`'s both fit). */
export interface ChecksApi {
  rest: {
    checks: {
      listForRef(params: {
        owner: string;
        repo: string;
        ref: string;
        check_name?: string;
        app_id?: number;
        filter?: 'latest' | 'all';
        per_page?: number;
      }): Promise<{
        data: {
          check_runs: {
            id: number;
            name: string;
            external_id?: string | null;
            app?: { id?: number } | null;
          }[];
        };
      }>;
      create(params: {
        owner: string;
        repo: string;
        name: string;
        head_sha: string;
        external_id?: string;
        status?: 'queued' | 'in_progress' | 'completed';
        conclusion?: CheckConclusion;
        details_url?: string;
        output?: CheckOutput;
      }): Promise<{ data: { id: number; html_url?: string | null } }>;
      update(params: {
        owner: string;
        repo: string;
        check_run_id: number;
        status?: 'queued' | 'in_progress' | 'completed';
        conclusion?: CheckConclusion;
        details_url?: string;
        output?: CheckOutput;
      }): Promise<{ data: { id: number; html_url?: string | null } }>;
    };
  };
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  /** Default `contractguard`. */
  name?: string;
  /** Only runs created by this app are reused (recommended when the app id is known). */
  appId?: number;
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations?: readonly Annotation[];
  detailsUrl?: string;
}

export interface PublishedCheckRun {
  id: number;
  url: string | undefined;
  /** False when an existing run for the SHA was updated. */
  created: boolean;
  /** Requests that carried annotations. */
  batches: number;
}

/** The check run's annotation shape: GitHub allows a column range only on a single line. */
export function toApiAnnotation(a: Annotation): ApiAnnotation {
  return {
    path: a.file,
    start_line: a.line,
    end_line: a.line,
    ...(a.column === undefined ? {} : { start_column: a.column, end_column: a.column }),
    annotation_level: a.level,
    title: cutText(a.title, 255),
    message: cutText(a.message, 64_000),
  };
}

/** `s`, cut to `max` UTF-16 units with an ellipsis. */
export function cutText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** The id of our run named `name` on `headSha` (created by `publishCheckRun`), if there is one. */
export async function findCheckRun(
  api: ChecksApi,
  input: Pick<CheckRunInput, 'owner' | 'repo' | 'headSha' | 'name' | 'appId'>,
): Promise<number | undefined> {
  const name = input.name ?? CHECK_RUN_NAME;
  const { data } = await api.rest.checks.listForRef({
    owner: input.owner,
    repo: input.repo,
    ref: input.headSha,
    check_name: name,
    filter: 'latest',
    per_page: 100,
    ...(input.appId === undefined ? {} : { app_id: input.appId }),
  });
  const run = data.check_runs.find(
    (r) =>
      r.name === name &&
      r.external_id === CHECK_RUN_EXTERNAL_ID &&
      (input.appId === undefined || r.app?.id === undefined || r.app.id === input.appId),
  );
  return run?.id;
}

/**
 * Creates or updates the completed check run for `headSha`. The first request carries the first 50
 * annotations; each further batch is an update with the same title and summary (GitHub appends annotations).
 */
export async function publishCheckRun(api: ChecksApi, input: CheckRunInput): Promise<PublishedCheckRun> {
  const { owner, repo } = input;
  const name = input.name ?? CHECK_RUN_NAME;
  const annotations = (input.annotations ?? []).map(toApiAnnotation);
  const batches: ApiAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const output = (batch: ApiAnnotation[] | undefined): CheckOutput => ({
    title: cutText(input.title, 255),
    summary: cutText(input.summary, CHECK_OUTPUT_LIMIT),
    ...(batch === undefined ? {} : { annotations: batch }),
  });
  const common = {
    owner,
    repo,
    status: 'completed' as const,
    conclusion: input.conclusion,
    ...(input.detailsUrl === undefined ? {} : { details_url: input.detailsUrl }),
  };

  const existing = await findCheckRun(api, input);
  const first =
    existing === undefined
      ? await api.rest.checks.create({
          ...common,
          name,
          head_sha: input.headSha,
          external_id: CHECK_RUN_EXTERNAL_ID,
          output: output(batches[0]),
        })
      : await api.rest.checks.update({ ...common, check_run_id: existing, output: output(batches[0]) });
  const id = first.data.id;
  for (const batch of batches.slice(1)) {
    await api.rest.checks.update({ owner, repo, check_run_id: id, output: output(batch) });
  }
  return {
    id,
    url: first.data.html_url ?? undefined,
    created: existing === undefined,
    batches: batches.length,
  };
}
