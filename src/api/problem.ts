/**
 * RFC 9457 problem details: the one error shape of the API, produced here
 * and nowhere else.
 */
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { QuoteInputError } from '../engine';
import { formatPath } from '../lib/json-paths';
import { localeOf } from '../messages/render';
import { ERROR_PAGE_CSP, type ErrorHint, errorPage } from '../pages/error-page';

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** An error that already knows its problem document. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** `["portCalls", 2, "arrival"]` → `portCalls[2].arrival`. */
export { formatPath };

/** Every zod issue as a field error (at most `max`); unknown keys are named one by one. */
export function zodErrors(
  error: ZodError,
  prefix: ReadonlyArray<PropertyKey> = [],
  max = Number.POSITIVE_INFINITY,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (errors.length >= max) break;
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (errors.length >= max) break;
        errors.push({ path: formatPath([...path, key]), message: `unknown field ${key}` });
      }
    } else errors.push({ path: formatPath(path), message: issue.message });
  }
  return errors;
}

/** How many field errors {@link zodErrors} would give without a maximum. */
export function zodErrorCount(error: ZodError): number {
  return error.issues.reduce((total, issue) => total + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1), 0);
}

export function invalidRequest(errors: FieldError[], detail?: string): ProblemError {
  const text =
    detail ??
    `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.path || '(body)').join(', ')}.`;
  return new ProblemError(400, 'invalid-request', 'Invalid request', text, errors);
}

function problemBody(c: Context, error: ProblemError): Problem {
  return {
    type: `urn:portfees:problem:${error.slug}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance: c.req.path,
    requestId: c.get('requestId' as never) as string | undefined,
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
    ...error.extensions,
  };
}

/** Paths of the API: their errors are problem+json whatever the client accepts. */
const API_PATH = /^\/(v1\/|mcp$|openapi\.json$|healthz$)/;

/** A browser asking for a page: a GET outside the API whose Accept ranks text/html above JSON. */
function wantsPage(c: Context): boolean {
  if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || API_PATH.test(c.req.path)) return false;
  const type = accepts(c, {
    header: 'Accept',
    supports: ['text/html', 'application/json', 'application/problem+json'],
    default: 'application/json',
  });
  return type === 'text/html';
}

/** What the error page explains: how to open /embed and /jobs/{id}, else what went wrong. */
function hintOf(path: string, error: ProblemError): ErrorHint {
  if (path === '/embed' && error.errors.some((field) => field.path === 'origin')) return 'embed-origin';
  if (error.status === 404) return path.startsWith('/jobs/') ? 'job-link' : 'not-found';
  return error.status === 400 ? 'bad-request' : 'failed';
}

function errorPageResponse(c: Context, error: ProblemError): Response {
  const body = problemBody(c, error);
  const { path } = c.req;
  const job = /^\/jobs\/([^/]+)/.exec(path)?.[1];
  const locale = localeOf(c.req.query('locale'), c.req.header('accept-language'));
  const page = errorPage({
    status: error.status,
    title: error.title,
    detail: error.message,
    errors: error.errors,
    path,
    hint: hintOf(path, error),
    locale,
    ...(body.requestId ? { requestId: body.requestId } : {}),
    ...(job ? { job } : {}),
  });
  return c.body(page, error.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-language': locale,
    'content-security-policy': ERROR_PAGE_CSP,
    vary: 'accept, accept-language',
    ...error.headers,
  });
}

/** The problem document of an error; a page saying the same to a browser that asked for a page. */
export function problemResponse(c: Context, error: ProblemError): Response {
  if (wantsPage(c)) return errorPageResponse(c, error);
  return c.body(JSON.stringify(problemBody(c, error)), error.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...(API_PATH.test(c.req.path) ? {} : { vary: 'accept' }),
    ...error.headers,
  });
}

const HTTP_PROBLEMS: Record<number, [string, string]> = {
  400: ['malformed-body', 'Malformed request body'],
  401: ['unauthorized', 'Unauthorized'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  413: ['body-too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
};

/** Maps any thrown value to a problem; unknown faults become a logged 500 with no stack in the body. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof QuoteInputError) return invalidRequest(error.issues);
  if (error instanceof HTTPException) {
    const [slug, title] = HTTP_PROBLEMS[error.status] ?? ['http-error', 'Request failed'];
    if (error.status === 415)
      return new ProblemError(
        415,
        slug,
        title,
        'This route reads a JSON body: send it with the header content-type: application/json.',
        [{ path: 'content-type', message: 'must be application/json' }],
      );
    const detail =
      error.status === 400 ? `${error.message}: the body must be a JSON document.` : error.message || title;
    const errors = error.status === 400 ? [{ path: '', message: error.message || 'malformed body' }] : [];
    return new ProblemError(error.status as ContentfulStatusCode, slug, title, detail, errors);
  }
  console.error(
    'internal error',
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : error,
  );
  return new ProblemError(
    500,
    'internal-error',
    'Internal error',
    'The server failed to answer this request; the fault has been logged.',
  );
}
