// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type FakeRoute, jsonResponse } from '../testing/fakeApi';
import { BASHIR, pageOf, problemWith } from '../testing/forumFixtures';
import { incident } from '../testing/incidentFixtures';
import { changeText, changeValue, interact, selectOption, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

const SECRET_GBR = { classification: 'SECRET', releasableTo: ['GBR'] } as const;
const LIST = [
  incident({ title: 'Ransomware <b>at</b> GovCERT-X', severity: 'CRITICAL', label: { ...SECRET_GBR, releasableTo: ['GBR'] } }),
  incident({ id: 'a0000000-0000-4000-8000-000000000002', title: 'Phishing wave', severity: 'LOW', status: 'CONTAINED', myRole: null, access: 'CLEARED', memberCount: 7 }),
];

async function open(path = '/incidents', routes: Record<string, FakeRoute> = {}) {
  const server = fakeApi({
    'GET /incidents': ({ query }) => jsonResponse(pageOf(query.get('status') === 'CLOSED' ? [] : LIST, Number(query.get('page') ?? 0), 20, 2)),
    ...routes,
  });
  app = await renderApp(path, { me: BASHIR, api: server.api });
  await waitFor(() => expect(app!.queryByTestId('loading')).toBeNull());
  return { ...app, server };
}

const rows = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="incident-row"]'));

describe('incident list', () => {
  it('lists readable incidents with severity, status, marking, role and members; titles stay text', async () => {
    const { container } = await open();
    expect(container.querySelector('h1')?.textContent).toBe('Incidents');
    const [first, second] = rows(container);
    expect(first!.querySelector('h2')?.textContent).toBe('Ransomware <b>at</b> GovCERT-X');
    expect(first!.querySelector('h2 b')).toBeNull();
    expect(first!.querySelector('a')?.getAttribute('href')).toBe(`/incidents/${LIST[0]!.id}`);
    expect(first!.querySelector('[data-testid="severity-badge"]')?.textContent).toBe('Severity: Critical');
    expect(first!.querySelector('[data-testid="status-badge"]')?.textContent).toBe('Status: Open');
    expect(first!.querySelector('[data-testid="marking-chip"]')?.textContent).toBe('SECRET//REL TO GBR');
    expect(first!.querySelector('[data-testid="incident-my-role"]')?.textContent).toBe('Commander');
    expect(second!.querySelector('[data-testid="status-badge"]')?.textContent).toBe('Status: Contained');
    expect(second!.querySelector('[data-testid="incident-my-role"]')).toBeNull();
    expect(second!.querySelector('[data-testid="incident-member-count"]')?.textContent).toBe('7');
  });

  it('keeps the filters in the address and sends them', async () => {
    const { byTestId, server, location } = await open('/incidents?severity=HIGH&mine=1');
    expect((byTestId('incident-filter-severity') as HTMLSelectElement).value).toBe('HIGH');
    expect((byTestId('incident-filter-mine') as HTMLInputElement).checked).toBe(true);
    expect(server.callsTo('GET /incidents')[0]!.query.toString()).toBe('severity=HIGH&mine=true&page=0&size=20');
    await selectOption(byTestId('incident-filter-status'), 'CLOSED');
    expect(location.current).toBe('/incidents?status=CLOSED&severity=HIGH&mine=1');
    await waitFor(() => expect(byTestId('incident-empty').textContent).toBe('No incidents you can read match these filters.'));
    expect(server.callsTo('GET /incidents').at(-1)!.query.get('status')).toBe('CLOSED');
    await interact(() => byTestId('incident-filter-mine').click());
    expect(location.current).toBe('/incidents?status=CLOSED&severity=HIGH');
  });

  it('says so when there is nothing to read yet, and offers to open a room', async () => {
    const { byTestId } = await open('/incidents', { 'GET /incidents': () => jsonResponse(pageOf([], 0, 20, 0)) });
    expect(byTestId('incident-empty').textContent).toMatch(/^No incidents you can read yet\./);
    await interact(() => byTestId('incident-empty-create').click());
    expect(byTestId('new-incident-form')).toBeTruthy();
  });
});

describe('new incident', () => {
  it('creates an incident with severity, access and label, then opens its room', async () => {
    const created = incident({ id: 'a0000000-0000-4000-8000-0000000000ff' });
    const { byTestId, server, location, container } = await open('/incidents', {
      'POST /incidents': () => jsonResponse(created, 201),
      [`GET /incidents/${created.id}`]: () => jsonResponse(created),
    });
    await interact(() => byTestId('new-incident-button').click());
    await changeValue(byTestId('incident-title'), '  DDoS on the registry  ');
    await changeText(byTestId('incident-summary'), 'Since 06:00 UTC.');
    await selectOption(byTestId('incident-severity'), 'CRITICAL');
    await interact(() => byTestId('incident-access-cleared').click());
    await selectOption(byTestId('label-classification'), 'CONFIDENTIAL');
    // bashir is CONFIDENTIAL: nothing above it is offered
    expect(Array.from(container.querySelectorAll('[data-testid="label-classification"] option')).map((o) => o.textContent)).toEqual([
      'UNCLASSIFIED',
      'RESTRICTED',
      'CONFIDENTIAL',
    ]);
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(location.current).toBe(`/incidents/${created.id}`));
    expect(server.callsTo('POST /incidents')[0]!.body).toEqual({
      title: 'DDoS on the registry',
      summary: 'Since 06:00 UTC.',
      severity: 'CRITICAL',
      access: 'CLEARED',
      label: { classification: 'CONFIDENTIAL', releasableTo: ['ALL'] },
    });
  });

  it('asks for a title before sending anything', async () => {
    const { byTestId, server } = await open();
    await interact(() => byTestId('new-incident-button').click());
    await interact(() => byTestId('composer-submit').click());
    expect(byTestId('incident-title-error').textContent).toBe('Give the incident a title.');
    expect(server.callsTo('POST /incidents')).toHaveLength(0);
  });

  it('shows the server’s field errors next to the fields and keeps what was typed', async () => {
    const { byTestId } = await open('/incidents', {
      'POST /incidents': () =>
        problemWith(400, {
          title: 'Validation failed',
          errors: [
            { field: 'title', message: 'must be at most 200 characters' },
            { field: 'label.classification', message: 'is above your clearance' },
          ],
        }),
    });
    await interact(() => byTestId('new-incident-button').click());
    await changeValue(byTestId('incident-title'), 'Long one');
    await changeText(byTestId('incident-summary'), 'Kept.');
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(byTestId('incident-title-error').textContent).toBe('must be at most 200 characters'));
    expect(byTestId('label-classification-error').textContent).toBe('is above your clearance');
    expect(byTestId('incident-title').getAttribute('aria-invalid')).toBe('true');
    expect((byTestId('incident-title') as HTMLInputElement).value).toBe('Long one');
    expect((byTestId('incident-summary') as HTMLTextAreaElement).value).toBe('Kept.');
  });
});
