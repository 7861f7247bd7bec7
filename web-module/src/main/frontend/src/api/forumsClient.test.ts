import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { ApiError } from './problem';

const LABEL = { classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'KEN'] } as const;

function respond(status: number, body?: unknown, contentType = 'application/json'): Response {
  if (body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function client(response: Response = respond(200, {})) {
  const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(response);
  return { api: new ApiClient({ getToken: async () => 't', fetch: fetchFn }), fetchFn };
}

type Call = [name: string, run: (api: ApiClient) => Promise<unknown>, method: string, url: string, body?: unknown];

const ID = 'f0000000-0000-4000-8000-000000000001';

const CALLS: Call[] = [
  ['listForums', (api) => api.listForums({ page: 1, size: 50, archived: true }), 'GET', '/api/v1/forums?page=1&size=50&archived=true'],
  ['listForums (defaults)', (api) => api.listForums(), 'GET', '/api/v1/forums'],
  [
    'createForum',
    (api) => api.createForum({ name: 'Malware', description: 'd', label: { ...LABEL, releasableTo: [...LABEL.releasableTo] } }),
    'POST',
    '/api/v1/forums',
    { name: 'Malware', description: 'd', label: LABEL },
  ],
  ['getForum', (api) => api.getForum(ID), 'GET', `/api/v1/forums/${ID}`],
  ['updateForum', (api) => api.updateForum(ID, { archived: true }), 'PATCH', `/api/v1/forums/${ID}`, { archived: true }],
  ['listThreads', (api) => api.listThreads(ID, { page: 2, size: 20, tag: 't1566' }), 'GET', `/api/v1/forums/${ID}/threads?page=2&size=20&tag=t1566`],
  ['listThreads (no tag)', (api) => api.listThreads(ID, { page: 0, size: 20, tag: '' }), 'GET', `/api/v1/forums/${ID}/threads?page=0&size=20`],
  [
    'createThread',
    (api) => api.createThread(ID, { title: 'T', body: 'B', tags: ['phishing'] }),
    'POST',
    `/api/v1/forums/${ID}/threads`,
    { title: 'T', body: 'B', tags: ['phishing'] },
  ],
  ['getThread', (api) => api.getThread(ID), 'GET', `/api/v1/threads/${ID}`],
  ['listPosts', (api) => api.listPosts(ID, { page: 0, size: 20 }), 'GET', `/api/v1/threads/${ID}/posts?page=0&size=20`],
  ['createPost', (api) => api.createPost(ID, { body: 'hi', replyTo: 'p1' }), 'POST', `/api/v1/threads/${ID}/posts`, { body: 'hi', replyTo: 'p1' }],
  ['markThreadRead', (api) => api.markThreadRead(ID), 'PUT', `/api/v1/threads/${ID}/read-marker`],
  [
    'moderateThread',
    (api) => api.moderateThread(ID, { action: 'LOCK', reason: 'done' }),
    'POST',
    `/api/v1/threads/${ID}/moderation`,
    { action: 'LOCK', reason: 'done' },
  ],
  ['getPost', (api) => api.getPost(ID), 'GET', `/api/v1/posts/${ID}`],
  ['editPost', (api) => api.editPost(ID, { body: 'new' }), 'PATCH', `/api/v1/posts/${ID}`, { body: 'new' }],
  ['deletePost', (api) => api.deletePost(ID), 'DELETE', `/api/v1/posts/${ID}`],
  ['getPostRevisions', (api) => api.getPostRevisions(ID), 'GET', `/api/v1/posts/${ID}/revisions`],
  [
    'moderatePost',
    (api) => api.moderatePost(ID, { action: 'HIDE', reason: 'spam' }),
    'POST',
    `/api/v1/posts/${ID}/moderation`,
    { action: 'HIDE', reason: 'spam' },
  ],
  ['listNotifications', (api) => api.listNotifications({ unread: true, page: 0, size: 20 }), 'GET', '/api/v1/notifications?unread=true&page=0&size=20'],
  ['listNotifications (all)', (api) => api.listNotifications({ unread: false, page: 0 }), 'GET', '/api/v1/notifications?page=0'],
  ['getUnreadCount', (api) => api.getUnreadCount(), 'GET', '/api/v1/notifications/unread-count'],
  ['markNotificationRead', (api) => api.markNotificationRead(ID), 'POST', `/api/v1/notifications/${ID}/read`],
  ['markAllNotificationsRead', (api) => api.markAllNotificationsRead(), 'POST', '/api/v1/notifications/read-all'],
  ['searchUsers', (api) => api.searchUsers({ q: 'al i&x', size: 8 }), 'GET', '/api/v1/users?q=al+i%26x&size=8'],
];

describe('ApiClient: forums and notifications', () => {
  it.each(CALLS)('%s', async (_name, run, method, url, body) => {
    const { api, fetchFn } = client();
    await run(api);
    const [calledUrl, init] = fetchFn.mock.calls[0]!;
    expect(calledUrl).toBe(url);
    expect(init?.method).toBe(method);
    if (body === undefined) {
      expect(init?.body).toBeUndefined();
    } else {
      expect(JSON.parse(init?.body as string)).toEqual(body);
    }
  });

  it('never lets an id change the path', async () => {
    const { api, fetchFn } = client();
    await api.getThread('../forums/x?y');
    expect(fetchFn.mock.calls[0]![0]).toBe('/api/v1/threads/..%2Fforums%2Fx%3Fy');
  });

  it('returns nothing for the 204 answers', async () => {
    const { api } = client(respond(204));
    await expect(api.markThreadRead(ID)).resolves.toBeUndefined();
  });

  it('surfaces field errors of a refused thread', async () => {
    const { api } = client(
      respond(
        400,
        {
          title: 'Validation failed',
          status: 400,
          detail: 'The request has invalid fields.',
          errors: [{ field: 'label.classification', message: 'does not dominate the forum' }],
        },
        'application/problem+json',
      ),
    );
    const error = (await api.createThread(ID, { title: 'x', body: 'y' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.problem.errors).toEqual([{ field: 'label.classification', message: 'does not dominate the forum' }]);
  });
});
