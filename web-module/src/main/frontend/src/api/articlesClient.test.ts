import { describe, expect, it, vi } from 'vitest';
import {
  createArticle,
  getArticle,
  getArticleDiff,
  getArticleRevision,
  getArticleTags,
  listArticleReviews,
  listArticleRevisions,
  listArticles,
  moveArticle,
  promoteIncident,
  updateArticle,
} from './articlesClient';
import { ApiClient } from './client';
import { ApiError } from './problem';

const LABEL = { classification: 'RESTRICTED', releasableTo: ['ALL'] } as const;
const ID = 'k0000000-0000-4000-8000-000000000001';

function respond(status: number, body?: unknown, contentType = 'application/json'): Response {
  if (body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function client(response: Response = respond(200, {})) {
  const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(response);
  return { api: new ApiClient({ getToken: async () => 't', fetch: fetchFn }), fetchFn };
}

const ARTICLE = {
  title: 'T',
  summary: 'S',
  body: 'B',
  tags: ['ransomware'],
  references: [{ title: 'ATT&CK', url: 'https://attack.mitre.org/' }],
  label: { ...LABEL, releasableTo: ['ALL'] },
};

type Call = [name: string, run: (api: ApiClient) => Promise<unknown>, method: string, url: string, body?: unknown];

const CALLS: Call[] = [
  ['listArticles (defaults)', (api) => listArticles(api), 'GET', '/api/v1/articles'],
  [
    'listArticles (all filters)',
    (api) => listArticles(api, { status: 'RETIRED', tag: 't1486', sort: 'title', page: 2, size: 20 }),
    'GET',
    '/api/v1/articles?status=RETIRED&tag=t1486&sort=title&page=2&size=20',
  ],
  ['listArticles (mine)', (api) => listArticles(api, { mine: true, tag: '' }), 'GET', '/api/v1/articles?mine=true'],
  ['listArticles (not mine)', (api) => listArticles(api, { mine: false }), 'GET', '/api/v1/articles'],
  ['getArticleTags', (api) => getArticleTags(api), 'GET', '/api/v1/articles/tags'],
  ['createArticle', (api) => createArticle(api, ARTICLE), 'POST', '/api/v1/articles', ARTICLE],
  ['getArticle', (api) => getArticle(api, ID), 'GET', `/api/v1/articles/${ID}`],
  [
    'updateArticle',
    (api) => updateArticle(api, ID, { ...ARTICLE, baseRevision: 3, comment: 'Step 4' }),
    'PUT',
    `/api/v1/articles/${ID}`,
    { ...ARTICLE, baseRevision: 3, comment: 'Step 4' },
  ],
  ['submit', (api) => moveArticle(api, ID, 'submit'), 'POST', `/api/v1/articles/${ID}/submit`, {}],
  ['withdraw', (api) => moveArticle(api, ID, 'withdraw', '  '), 'POST', `/api/v1/articles/${ID}/withdraw`, {}],
  ['send-back', (api) => moveArticle(api, ID, 'send-back', ' Cite a source '), 'POST', `/api/v1/articles/${ID}/send-back`, { comment: 'Cite a source' }],
  ['publish', (api) => moveArticle(api, ID, 'publish', 'ok'), 'POST', `/api/v1/articles/${ID}/publish`, { comment: 'ok' }],
  ['retire', (api) => moveArticle(api, ID, 'retire', 'Superseded'), 'POST', `/api/v1/articles/${ID}/retire`, { comment: 'Superseded' }],
  ['listArticleRevisions', (api) => listArticleRevisions(api, ID), 'GET', `/api/v1/articles/${ID}/revisions`],
  ['getArticleRevision', (api) => getArticleRevision(api, ID, 2), 'GET', `/api/v1/articles/${ID}/revisions/2`],
  ['getArticleDiff', (api) => getArticleDiff(api, ID, 4, 2), 'GET', `/api/v1/articles/${ID}/diff?from=4&to=2`],
  ['listArticleReviews', (api) => listArticleReviews(api, ID), 'GET', `/api/v1/articles/${ID}/reviews`],
  [
    'promoteIncident',
    (api) => promoteIncident(api, ID, { title: 'Lessons', messages: [3, 7] }),
    'POST',
    `/api/v1/incidents/${ID}/promote`,
    { title: 'Lessons', messages: [3, 7] },
  ],
];

describe('articles client', () => {
  it.each(CALLS)('%s', async (_name, run, method, url, body) => {
    const { api, fetchFn } = client();
    await run(api);
    const [calledUrl, init] = fetchFn.mock.calls[0]!;
    expect(calledUrl).toBe(url);
    expect(init?.method).toBe(method);
    if (body === undefined) expect(init?.body).toBeUndefined();
    else expect(JSON.parse(init?.body as string)).toEqual(body);
  });

  it('never lets an id change the path', async () => {
    const { api, fetchFn } = client();
    await getArticle(api, '../incidents/x?y');
    expect(fetchFn.mock.calls[0]![0]).toBe('/api/v1/articles/..%2Fincidents%2Fx%3Fy');
  });

  it('keeps the server message of a stale edit (409)', async () => {
    const detail = 'This article was changed by Alice at 10:02 (revision 5) after you opened revision 4. Reload it, reapply your changes and save again.';
    const { api } = client(respond(409, { title: 'Conflict', status: 409, detail }, 'application/problem+json'));
    const error = (await updateArticle(api, ID, { ...ARTICLE, baseRevision: 4 }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.problem.detail).toBe(detail);
  });

  it('surfaces field errors of a refused article', async () => {
    const { api } = client(
      respond(400, { title: 'Validation failed', status: 400, errors: [{ field: 'tags[1]', message: 'not a valid tag' }] }, 'application/problem+json'),
    );
    const error = (await createArticle(api, ARTICLE).catch((e: unknown) => e)) as ApiError;
    expect(error.problem.errors).toEqual([{ field: 'tags[1]', message: 'not a valid tag' }]);
  });
});
