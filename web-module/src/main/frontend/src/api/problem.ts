import type { FieldError, Problem } from './types';

/** Titles used when a response carries no usable problem body (a proxy page, an empty 503, …). */
const DEFAULT_TITLES: Readonly<Record<number, string>> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported content',
  429: 'Too many requests',
  500: 'Server error',
  502: 'Service unavailable',
  503: 'Service unavailable',
  504: 'Service unavailable',
};

export function defaultTitle(status: number): string {
  if (status === 0) return 'Server unreachable';
  const known = DEFAULT_TITLES[status];
  if (known) return known;
  if (status >= 500) return 'Server error';
  if (status >= 400) return 'Request failed';
  return 'Unexpected response';
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors: FieldError[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) continue;
    const message = nonEmptyString(entry.message);
    if (!message) continue;
    errors.push({ field: nonEmptyString(entry.field) ?? '', message });
  }
  return errors.length > 0 ? errors : undefined;
}

/**
 * Turns whatever an error response carried into a complete {@link Problem}.
 *
 * The body is untrusted input: a well-formed problem+json object is taken field by field, anything
 * else (HTML from a proxy, a JSON array, nothing at all) falls back to a title derived from the
 * HTTP status. The response status wins over a `status` in the body, because it is what the
 * browser actually received.
 */
export function parseProblem(body: unknown, status: number): Problem {
  const record = isRecord(body) ? body : {};
  const problem: Problem = {
    type: nonEmptyString(record.type) ?? 'about:blank',
    title: nonEmptyString(record.title) ?? defaultTitle(status),
    status,
    detail: nonEmptyString(record.detail) ?? '',
  };
  const errors = parseFieldErrors(record.errors);
  if (errors) problem.errors = errors;
  return problem;
}

/**
 * One readable sentence for a problem, e.g.
 * `Validation failed: The request has invalid fields. (title: must not be blank; body: too long)`.
 */
export function describeProblem(problem: Problem): string {
  let text = problem.title;
  if (problem.detail && problem.detail !== problem.title) {
    text += `: ${problem.detail}`;
  }
  if (problem.errors && problem.errors.length > 0) {
    const fields = problem.errors
      .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
      .join('; ');
    text += ` (${fields})`;
  }
  return text;
}

/**
 * `Retry-After` as a number of seconds (delta-seconds or an HTTP date), or undefined.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * An API call that did not succeed. `message` is fit to show to a person; `problem` keeps the
 * structured body (validation `errors` included) for forms that place messages next to fields.
 * `status` is 0 when no HTTP response arrived at all (network down, server not running).
 */
export class ApiError extends Error {
  readonly problem: Problem;
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    let message = describeProblem(problem);
    if (retryAfterSeconds !== undefined) {
      message += ` Try again in ${retryAfterSeconds} s.`;
    }
    super(message);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.problem.status;
  }

  /** True when the server could not be reached at all. */
  get unreachable(): boolean {
    return this.problem.status === 0;
  }
}

/** The error for a request that produced no HTTP response. */
export function unreachableError(): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: defaultTitle(0),
    status: 0,
    detail: 'The ESCAPE server could not be reached. Check your connection and try again.',
  });
}

function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** Reads an error response into an {@link ApiError}; never throws for a malformed body. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = undefined;
  if (isJsonContentType(response.headers.get('Content-Type'))) {
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
  }
  return new ApiError(
    parseProblem(body, response.status),
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

/** Reads a successful JSON response; a non-JSON answer (e.g. an HTML page) is an error. */
export async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.status === 205) {
    return undefined as T;
  }
  if (isJsonContentType(response.headers.get('Content-Type'))) {
    try {
      return (await response.json()) as T;
    } catch {
      // fall through to the error below
    }
  }
  throw new ApiError({
    type: 'about:blank',
    title: 'Unexpected response',
    status: response.status,
    detail: 'The server did not answer with JSON.',
  });
}
