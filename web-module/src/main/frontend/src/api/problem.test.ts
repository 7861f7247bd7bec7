import { describe, expect, it } from 'vitest';
import { ApiError, describeProblem, errorFromResponse, parseProblem, parseRetryAfter } from './problem';

function problemResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

describe('parseProblem', () => {
  it('takes a complete problem+json body field by field', () => {
    expect(
      parseProblem(
        {
          type: 'https://escape.example/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: 'No such item.',
        },
        404,
      ),
    ).toEqual({
      type: 'https://escape.example/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No such item.',
    });
  });

  it('keeps validation errors and drops malformed entries', () => {
    const problem = parseProblem(
      {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        detail: 'The request has invalid fields.',
        errors: [
          { field: 'title', message: 'must not be blank' },
          { field: 'label.classification', message: 'is above your clearance' },
          { field: 'body' },
          'nonsense',
          null,
          { message: 'general problem' },
        ],
      },
      400,
    );
    expect(problem.errors).toEqual([
      { field: 'title', message: 'must not be blank' },
      { field: 'label.classification', message: 'is above your clearance' },
      { field: '', message: 'general problem' },
    ]);
  });

  it('fills in what is missing from the HTTP status', () => {
    expect(parseProblem({}, 503)).toEqual({
      type: 'about:blank',
      title: 'Service unavailable',
      status: 503,
      detail: '',
    });
    expect(parseProblem(undefined, 409).title).toBe('Conflict');
    expect(parseProblem(['not', 'an', 'object'], 418).title).toBe('Request failed');
  });

  it('trusts the response status over the body', () => {
    expect(parseProblem({ title: 'Oops', status: 200 }, 500).status).toBe(500);
  });

  it('ignores non-string fields', () => {
    const problem = parseProblem({ type: 7, title: { x: 1 }, detail: ['a'] }, 404);
    expect(problem).toEqual({ type: 'about:blank', title: 'Not found', status: 404, detail: '' });
  });
});

describe('describeProblem', () => {
  it('joins title and detail', () => {
    expect(describeProblem({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'The article changed.' })).toBe(
      'Conflict: The article changed.',
    );
  });

  it('does not repeat a detail equal to the title', () => {
    expect(describeProblem({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Not found' })).toBe(
      'Not found',
    );
  });

  it('lists field errors', () => {
    expect(
      describeProblem({
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        detail: '',
        errors: [
          { field: 'title', message: 'must not be blank' },
          { field: '', message: 'label does not dominate the forum' },
        ],
      }),
    ).toBe('Validation failed (title: must not be blank; label does not dominate the forum)');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  it('turns a problem+json response into a typed ApiError with a readable message', async () => {
    const error = await errorFromResponse(
      problemResponse(400, {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        detail: 'The request has invalid fields.',
        errors: [{ field: 'title', message: 'size must be between 1 and 200' }],
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.problem.errors).toEqual([{ field: 'title', message: 'size must be between 1 and 200' }]);
    expect(error.message).toBe(
      'Validation failed: The request has invalid fields. (title: size must be between 1 and 200)',
    );
  });

  it('adds the wait from Retry-After on 429', async () => {
    const error = await errorFromResponse(
      problemResponse(429, { title: 'Too many requests', status: 429, detail: 'Slow down.' }, { 'Retry-After': '5' }),
    );
    expect(error.retryAfterSeconds).toBe(5);
    expect(error.message).toBe('Too many requests: Slow down. Try again in 5 s.');
  });

  it('accepts plain application/json error bodies', async () => {
    const response = new Response(JSON.stringify({ title: 'Forbidden', detail: 'Moderators only.' }), {
      status: 403,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect((await errorFromResponse(response)).message).toBe('Forbidden: Moderators only.');
  });

  it('never shows an HTML error page to the person', async () => {
    const response = new Response('<html><body><h1>HTTP Status 500 – Internal Server Error</h1></body></html>', {
      status: 500,
      headers: { 'Content-Type': 'text/html' },
    });
    const error = await errorFromResponse(response);
    expect(error.message).toBe('Server error');
    expect(error.problem.detail).toBe('');
  });

  it('survives a problem+json body that is not JSON', async () => {
    const response = new Response('{"title": "Bro', {
      status: 502,
      headers: { 'Content-Type': 'application/problem+json' },
    });
    expect((await errorFromResponse(response)).message).toBe('Service unavailable');
  });
});
