import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';

function client() {
  const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(
    new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
  );
  return { api: new ApiClient({ getToken: async () => 't', fetch: fetchFn }), fetchFn };
}

const ID = 'a0000000-0000-4000-8000-000000000001';
const USER = 'u0000000-0000-4000-8000-000000000002';
const LABEL = { classification: 'SECRET', releasableTo: ['GBR'] } as const;

type Call = [name: string, run: (api: ApiClient) => Promise<unknown>, method: string, url: string, body?: unknown];

const CALLS: Call[] = [
  ['listIncidents', (api) => api.listIncidents({ status: 'OPEN', severity: 'HIGH', mine: true, page: 1, size: 20 }), 'GET', '/api/v1/incidents?status=OPEN&severity=HIGH&mine=true&page=1&size=20'],
  ['listIncidents (defaults, mine false left out)', (api) => api.listIncidents({ mine: false }), 'GET', '/api/v1/incidents'],
  [
    'createIncident',
    (api) => api.createIncident({ title: 'T', summary: 'S', severity: 'LOW', label: { ...LABEL, releasableTo: ['GBR'] }, access: 'CLEARED' }),
    'POST',
    '/api/v1/incidents',
    { title: 'T', summary: 'S', severity: 'LOW', label: LABEL, access: 'CLEARED' },
  ],
  ['getIncident', (api) => api.getIncident(ID), 'GET', `/api/v1/incidents/${ID}`],
  ['updateIncident', (api) => api.updateIncident(ID, { status: 'CONTAINED' }), 'PATCH', `/api/v1/incidents/${ID}`, { status: 'CONTAINED' }],
  ['listMembers', (api) => api.listMembers(ID), 'GET', `/api/v1/incidents/${ID}/members`],
  ['addMember', (api) => api.addMember(ID, { username: 'chen', role: 'OBSERVER' }), 'POST', `/api/v1/incidents/${ID}/members`, { username: 'chen', role: 'OBSERVER' }],
  ['removeMember', (api) => api.removeMember(ID, USER), 'DELETE', `/api/v1/incidents/${ID}/members/${USER}`],
  ['joinIncident', (api) => api.joinIncident(ID), 'POST', `/api/v1/incidents/${ID}/join`],
  ['listMessages (newest)', (api) => api.listMessages(ID, { limit: 50 }), 'GET', `/api/v1/incidents/${ID}/messages?limit=50`],
  ['listMessages (after)', (api) => api.listMessages(ID, { after: 41, limit: 500 }), 'GET', `/api/v1/incidents/${ID}/messages?after=41&limit=500`],
  ['listMessages (before)', (api) => api.listMessages(ID, { before: 10 }), 'GET', `/api/v1/incidents/${ID}/messages?before=10`],
  ['listMessages (after 0 is sent)', (api) => api.listMessages(ID, { after: 0 }), 'GET', `/api/v1/incidents/${ID}/messages?after=0`],
  [
    'postMessage',
    (api) => api.postMessage(ID, { body: 'hi', clientId: 'c-1', label: { ...LABEL, releasableTo: ['GBR'] } }),
    'POST',
    `/api/v1/incidents/${ID}/messages`,
    { body: 'hi', clientId: 'c-1', label: LABEL },
  ],
  ['createWsTicket', (api) => api.createWsTicket(), 'POST', '/api/v1/ws-tickets'],
];

describe('ApiClient: incidents', () => {
  it.each(CALLS)('%s', async (_name, run, method, url, body) => {
    const { api, fetchFn } = client();
    await run(api);
    const [calledUrl, init] = fetchFn.mock.calls[0]!;
    expect(calledUrl).toBe(url);
    expect(init?.method).toBe(method);
    if (body === undefined) expect(init?.body).toBeUndefined();
    else expect(JSON.parse(init?.body as string)).toEqual(body);
  });

  it('never lets a member id change the path', async () => {
    const { api, fetchFn } = client();
    await api.removeMember(ID, '../../x');
    expect(fetchFn.mock.calls[0]![0]).toBe(`/api/v1/incidents/${ID}/members/..%2F..%2Fx`);
  });
});
