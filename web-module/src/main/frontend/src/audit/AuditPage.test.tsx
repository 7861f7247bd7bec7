// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditVerification, Page } from '../api/types';
import { ALICE, AUDREY } from '../testing/fakes';
import { deferred, type FakeCall, fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { changeValue, interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { instantToLocalInput } from './auditSearch';

const hex = (n: number) => n.toString(16).padStart(64, '0');

/** A trail of 45 entries, one second apart from 2026-03-01 09:00:00 UTC; every 7th one DENIED. */
function trail(count = 45): AuditEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = i + 1;
    return {
      seq,
      at: new Date(Date.UTC(2026, 2, 1, 9, 0, seq)).toISOString(),
      actor: seq === 3 ? null : seq % 2 === 0 ? 'alice' : 'bashir',
      action: seq % 7 === 0 ? 'thread.read' : 'post.create',
      objectType: seq === 3 ? 'system' : 'post',
      objectId: seq === 3 ? null : `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      outcome: seq % 7 === 0 ? 'DENIED' : 'SUCCESS',
      hash: hex(seq + 1000),
      prevHash: hex(seq + 999),
    };
  });
}

/** `GET /audit` as the server answers it: filters, then one page. */
function auditRoute(entries: AuditEntry[]): FakeRoute {
  return ({ query }: FakeCall) => {
    const page = Number(query.get('page') ?? 0);
    const size = Number(query.get('size') ?? 20);
    const actor = query.get('actor');
    const action = query.get('action');
    const object = query.get('object');
    const matching = entries.filter(
      (e) =>
        (!actor || e.actor === actor) &&
        (!action || e.action === action) &&
        (!object || e.objectType === object || e.objectId === object),
    );
    const body: Page<AuditEntry> = { items: matching.slice(page * size, (page + 1) * size), total: matching.length, page, size };
    return jsonResponse(body);
  };
}

const verified = (body: AuditVerification): FakeRoute => () => jsonResponse(body);

let app: RenderedApp | undefined;

afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

async function openAudit(path: string, routes: Record<string, FakeRoute>, me = AUDREY) {
  const server = fakeApi(routes);
  app = await renderApp(path, { me, api: server.api });
  return { ...app, server };
}

const rows = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>('[data-testid="audit-row"]'));
const seqs = (container: HTMLElement) => rows(container).map((row) => row.querySelector('th')!.textContent);

describe('audit trail: who may see it', () => {
  it('is not in the navigation of a non-auditor, who gets a plain refusal at /audit without asking the server', async () => {
    const { container, byTestId, queryByTestId, server } = await openAudit('/audit', {}, ALICE);
    expect(queryByTestId('nav-audit')).toBeNull();
    expect(container.querySelector('h1')?.textContent).toBe('Only auditors can view the audit trail');
    expect(byTestId('audit-forbidden-detail').textContent).toContain('without the auditor role');
    expect(queryByTestId('audit-table')).toBeNull();
    expect(queryByTestId('audit-verify')).toBeNull();
    // The shell's notification badge polls for itself; the audit view asks nothing.
    expect(server.calls.filter((call) => call.path !== '/notifications/unread-count')).toEqual([]);
    expect(document.title).toBe('Audit trail — ESCAPE');
  });

  it('is in the navigation of an auditor, marked current on the page', async () => {
    const { byTestId } = await openAudit('/audit', { 'GET /audit': auditRoute(trail()) });
    const link = byTestId('nav-audit');
    expect(link.getAttribute('href')).toBe('/audit');
    expect(link.textContent).toBe('Audit trail');
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it("shows the server's detail when it refuses with 403", async () => {
    const { container, byTestId, queryByTestId } = await openAudit('/audit', {
      'GET /audit': () => problemResponse(403, 'Forbidden', 'The auditor role is required to read the audit trail.'),
    });
    await waitFor(() => byTestId('audit-forbidden'));
    expect(container.querySelector('h1')?.textContent).toBe('Only auditors can view the audit trail');
    expect(byTestId('audit-forbidden-detail').textContent).toBe('The auditor role is required to read the audit trail.');
    expect(queryByTestId('audit-table')).toBeNull();
  });
});

describe('audit trail: entries', () => {
  it('loads the first page into a captioned table with column and row headers', async () => {
    const gate = deferred<void>();
    const route = auditRoute(trail());
    const { container, byTestId, queryByTestId, server } = await openAudit('/audit', {
      'GET /audit': async (call) => {
        await gate.promise;
        return route(call);
      },
    });
    expect(byTestId('loading').textContent).toBe('Loading audit entries…');
    gate.resolve();

    const table = await waitFor(() => byTestId('audit-table'));
    expect(queryByTestId('loading')).toBeNull();
    expect(table.querySelector('caption')?.textContent).toBe('Audit entries 1–20 of 45');
    expect(Array.from(table.querySelectorAll('thead th')).map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Seq', 'col'],
      ['Time', 'col'],
      ['Actor', 'col'],
      ['Action', 'col'],
      ['Object', 'col'],
      ['Outcome', 'col'],
      ['Hash', 'col'],
    ]);
    expect(rows(container)).toHaveLength(20);
    expect(rows(container)[0]!.querySelector('th')?.getAttribute('scope')).toBe('row');
    expect(byTestId('audit-range').textContent).toBe('1–20 of 45');
    const [call] = server.callsTo('GET /audit');
    expect(call?.query.toString()).toBe('page=0&size=20');
    expect(call?.headers.Authorization).toBe('Bearer token-1');
  });

  it('shows time in the local format with UTC in the title, a short hash with the full one in the title, and marks DENIED', async () => {
    const entries = trail();
    const { container } = await openAudit('/audit', { 'GET /audit': auditRoute(entries) });
    await waitFor(() => expect(rows(container)).toHaveLength(20));

    const first = rows(container)[0]!;
    const time = first.querySelector('time')!;
    expect(time.getAttribute('dateTime') ?? time.getAttribute('datetime')).toBe('2026-03-01T09:00:01.000Z');
    expect(time.getAttribute('title')).toBe('2026-03-01 09:00:01 UTC');
    expect(time.textContent).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(entries[0]!.at)),
    );
    const hash = first.querySelector<HTMLElement>('[data-testid="audit-hash"]')!;
    expect(hash.getAttribute('title')).toBe(entries[0]!.hash);
    expect(hash.textContent).toBe(`${entries[0]!.hash.slice(0, 12)}…`);
    expect(first.textContent).toContain('bashir');
    expect(first.textContent).toContain('post.create');
    expect(first.textContent).toContain('00000000-0000-4000-8000-000000000001');

    const system = rows(container)[2]!;
    expect(system.textContent).toContain('system or anonymous');

    const denied = rows(container).filter((row) => row.classList.contains('audit-row--denied'));
    expect(denied.map((row) => row.querySelector('th')?.textContent)).toEqual(['7', '14']);
    const outcome = denied[0]!.querySelector<HTMLElement>('[data-testid="audit-outcome"]')!;
    expect(outcome.textContent).toBe('DENIED');
    expect(outcome.classList.contains('outcome--denied')).toBe(true);
    expect(outcome.querySelector('.outcome__marker')?.getAttribute('aria-hidden')).toBe('true');
    expect(rows(container)[0]!.querySelector('.outcome__marker')).toBeNull();
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('pages with Previous and Next through the address, keeping focus usable at the ends', async () => {
    const { container, byTestId, location, server } = await openAudit('/audit', { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => expect(rows(container)).toHaveLength(20));
    expect(byTestId('audit-prev').getAttribute('aria-disabled')).toBe('true');
    expect(byTestId('audit-next').hasAttribute('aria-disabled')).toBe(false);

    await interact(() => byTestId('audit-next').click());
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('21–40 of 45'));
    expect(location.current).toBe('/audit?page=1');
    expect(seqs(container)[0]).toBe('21');

    await interact(() => byTestId('audit-next').click());
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('41–45 of 45'));
    expect(location.current).toBe('/audit?page=2');
    expect(rows(container)).toHaveLength(5);
    const next = byTestId('audit-next');
    expect(next.getAttribute('aria-disabled')).toBe('true');
    expect(next.hasAttribute('disabled')).toBe(false);

    const callsBefore = server.callsTo('GET /audit').length;
    await interact(() => next.click());
    expect(location.current).toBe('/audit?page=2');
    expect(server.callsTo('GET /audit')).toHaveLength(callsBefore);

    await interact(() => byTestId('audit-prev').click());
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('21–40 of 45'));
    expect(location.current).toBe('/audit?page=1');
    expect(server.callsTo('GET /audit').map((c) => c.query.get('page'))).toEqual(['0', '1', '2', '1']);
  });

  it('says when the trail is empty', async () => {
    const { byTestId, queryByTestId } = await openAudit('/audit', { 'GET /audit': auditRoute([]) });
    await waitFor(() => expect(byTestId('audit-empty').textContent).toContain('The audit trail has no entries yet.'));
    expect(queryByTestId('audit-table')).toBeNull();
    expect(queryByTestId('audit-next')).toBeNull();
  });

  it('says when nothing matches the filters, and clears them', async () => {
    const { byTestId, location, container } = await openAudit('/audit?actor=nobody', { 'GET /audit': auditRoute(trail()) });
    const empty = await waitFor(() => byTestId('audit-empty'));
    expect(empty.textContent).toContain('No audit entries match these filters.');
    await interact(() => empty.querySelector('button')!.click());
    await waitFor(() => expect(rows(container)).toHaveLength(20));
    expect(location.current).toBe('/audit');
    expect((byTestId('audit-filter-actor') as HTMLInputElement).value).toBe('');
  });

  it('offers the first page when the address points past the end', async () => {
    const { byTestId, location, container } = await openAudit('/audit?page=9', { 'GET /audit': auditRoute(trail()) });
    const empty = await waitFor(() => byTestId('audit-empty'));
    expect(empty.textContent).toContain('Page 10 is past the end: there are 45 entries in all.');
    await interact(() => empty.querySelector('button')!.click());
    await waitFor(() => expect(rows(container)).toHaveLength(20));
    expect(location.current).toBe('/audit');
  });

  it('shows a failure with "Try again"', async () => {
    let fail = true;
    const route = auditRoute(trail());
    const { byTestId, container } = await openAudit('/audit', {
      'GET /audit': (call) => (fail ? problemResponse(503, 'Service unavailable', 'Database is starting.') : route(call)),
    });
    await waitFor(() => byTestId('error'));
    expect(byTestId('error').querySelector('h2')?.textContent).toBe('The audit trail could not be loaded');
    expect(byTestId('error-message').textContent).toBe('Service unavailable: Database is starting.');
    fail = false;
    await interact(() => byTestId('retry').click());
    await waitFor(() => expect(rows(container)).toHaveLength(20));
  });
});

describe('audit trail: filters and the address', () => {
  it('fills the form from the address and asks the server for exactly that view', async () => {
    const from = '2026-03-01T08:00:00Z';
    const to = '2026-03-01T18:30:00Z';
    const { byTestId, server } = await openAudit(`/audit?actor=alice&action=post.create&object=post&from=${from}&to=${to}&page=1`, {
      'GET /audit': auditRoute(trail()),
    });
    await waitFor(() => expect(server.callsTo('GET /audit')).toHaveLength(1));
    const input = (id: string) => byTestId(id) as HTMLInputElement;
    expect(input('audit-filter-actor').value).toBe('alice');
    expect(input('audit-filter-action').value).toBe('post.create');
    expect(input('audit-filter-object').value).toBe('post');
    expect(input('audit-filter-from').value).toBe(instantToLocalInput(from));
    expect(input('audit-filter-to').value).toBe(instantToLocalInput(to));
    expect(Object.fromEntries(server.callsTo('GET /audit')[0]!.query)).toEqual({
      actor: 'alice',
      action: 'post.create',
      object: 'post',
      from,
      to,
      page: '1',
      size: '20',
    });
  });

  it('labels every input and submits with Enter (implicit submission through the submit button)', async () => {
    const { byTestId, container } = await openAudit('/audit', { 'GET /audit': auditRoute(trail()) });
    const form = byTestId('audit-filters') as HTMLFormElement;
    for (const input of Array.from(form.querySelectorAll('input'))) {
      const label = container.querySelector(`label[for="${input.id}"]`);
      expect(label?.textContent, input.name).toBeTruthy();
    }
    expect(form.querySelector('button[type="submit"]')?.textContent).toBe('Apply filters');
    expect(byTestId('audit-filter-clear').getAttribute('type')).toBe('button');
  });

  it('round-trips: form → address → reload → the same form and the same request', async () => {
    const first = await openAudit('/audit?page=2', { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => expect(rows(first.container)).toHaveLength(5));

    const localFrom = '2026-03-01T10:15';
    await changeValue(first.byTestId('audit-filter-actor'), '  alice ');
    await changeValue(first.byTestId('audit-filter-action'), 'post.create');
    await changeValue(first.byTestId('audit-filter-from'), localFrom);
    // What Enter in a text field does: submit the form through its default button.
    await interact(() => (first.byTestId('audit-filters') as HTMLFormElement).requestSubmit());

    const fromUtc = new Date(2026, 2, 1, 10, 15, 0).toISOString().replace('.000Z', 'Z');
    const expected = new URLSearchParams({ actor: 'alice', action: 'post.create', from: fromUtc });
    await waitFor(() => expect(first.location.current).toBe(`/audit?${expected}`));
    await waitFor(() => expect(first.server.callsTo('GET /audit')).toHaveLength(2));
    const applied = first.server.callsTo('GET /audit')[1]!;
    expect(Object.fromEntries(applied.query)).toEqual({ actor: 'alice', action: 'post.create', from: fromUtc, page: '0', size: '20' });

    // Reload (or open the shared link) in a fresh app.
    const shared = first.location.current;
    await first.unmount();
    app = undefined;
    const second = await openAudit(shared, { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => expect(second.server.callsTo('GET /audit')).toHaveLength(1));
    expect((second.byTestId('audit-filter-actor') as HTMLInputElement).value).toBe('alice');
    expect((second.byTestId('audit-filter-action') as HTMLInputElement).value).toBe('post.create');
    expect((second.byTestId('audit-filter-from') as HTMLInputElement).value).toBe(localFrom);
    expect((second.byTestId('audit-filter-to') as HTMLInputElement).value).toBe('');
    expect(second.server.callsTo('GET /audit')[0]!.query.toString()).toBe(applied.query.toString());
  });

  it('resets to the first page when the filters change and follows Back to the previous filters', async () => {
    const { byTestId, location, container } = await openAudit('/audit?actor=alice&page=1', { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('21–22 of 22'));
    await changeValue(byTestId('audit-filter-actor'), 'bashir');
    await interact(() => byTestId('audit-filter-apply').click());
    await waitFor(() => expect(location.current).toBe('/audit?actor=bashir'));
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('1–20 of 22'));
    expect(seqs(container)[0]).toBe('1');

    await location.go(-1);
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('21–22 of 22'));
    expect(location.current).toBe('/audit?actor=alice&page=1');
    expect((byTestId('audit-filter-actor') as HTMLInputElement).value).toBe('alice');
    expect(seqs(container)).toEqual(['42', '44']);
  });

  it('refuses a time range that ends before it starts, next to the fields', async () => {
    const { byTestId, location, server } = await openAudit('/audit', { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => expect(server.callsTo('GET /audit')).toHaveLength(1));
    await changeValue(byTestId('audit-filter-from'), '2026-03-02T10:00');
    await changeValue(byTestId('audit-filter-to'), '2026-03-01T10:00');
    await interact(() => byTestId('audit-filter-apply').click());
    const error = byTestId('audit-filter-error');
    expect(error.textContent).toBe('“From” must not be later than “To”.');
    expect(error.getAttribute('role')).toBe('alert');
    expect(byTestId('audit-filter-to').getAttribute('aria-invalid')).toBe('true');
    expect(byTestId('audit-filter-to').getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(location.current).toBe('/audit');
    expect(server.callsTo('GET /audit')).toHaveLength(1);
  });

  it('"Clear" empties the form and the address', async () => {
    const { byTestId, location } = await openAudit('/audit?actor=alice&object=post&page=1', { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => byTestId('audit-table'));
    await interact(() => byTestId('audit-filter-clear').click());
    await waitFor(() => expect(location.current).toBe('/audit'));
    expect((byTestId('audit-filter-actor') as HTMLInputElement).value).toBe('');
    expect((byTestId('audit-filter-object') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(byTestId('audit-range').textContent).toBe('1–20 of 45'));
  });

  it('applying unchanged filters fetches the view afresh', async () => {
    const { byTestId, server, location } = await openAudit('/audit?actor=alice', { 'GET /audit': auditRoute(trail()) });
    await waitFor(() => byTestId('audit-table'));
    await interact(() => byTestId('audit-filter-apply').click());
    await waitFor(() => expect(server.callsTo('GET /audit')).toHaveLength(2));
    expect(location.current).toBe('/audit?actor=alice');
  });
});

describe('audit trail: chain verification', () => {
  it('reports an intact chain in the success style', async () => {
    const gate = deferred<void>();
    const { byTestId, queryByTestId, server } = await openAudit('/audit', {
      'GET /audit': auditRoute(trail()),
      'GET /audit/verify': async () => {
        await gate.promise;
        return jsonResponse({ ok: true, entries: 45, firstBrokenSeq: null });
      },
    });
    const button = byTestId('audit-verify');
    expect(button.textContent).toBe('Verify chain');
    expect(queryByTestId('audit-verify-result')).toBeNull();

    await interact(() => button.click());
    expect(button.textContent).toBe('Verifying…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await interact(() => button.click()); // a second click while verifying does nothing
    gate.resolve();

    const result = await waitFor(() => byTestId('audit-verify-result'));
    expect(result.textContent).toBe('Chain intact: 45 entries verified');
    expect(result.classList.contains('result--success')).toBe(true);
    expect(result.closest('[role="status"]')).not.toBeNull();
    expect(button.textContent).toBe('Verify chain');
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    expect(server.callsTo('GET /audit/verify')).toHaveLength(1);
  });

  it('reports a broken chain with the first broken entry in the danger style', async () => {
    const { byTestId } = await openAudit('/audit', {
      'GET /audit': auditRoute(trail()),
      'GET /audit/verify': verified({ ok: false, entries: 45, firstBrokenSeq: 17 }),
    });
    await interact(() => byTestId('audit-verify').click());
    const result = await waitFor(() => byTestId('audit-verify-result'));
    expect(result.textContent).toBe('Chain broken at entry #17');
    expect(result.classList.contains('result--danger')).toBe(true);
    expect(byTestId('audit-verify-detail').textContent).toContain('45 entries checked');
  });

  it('says "1 entry" and can verify again', async () => {
    let entries = 1;
    const { byTestId } = await openAudit('/audit', {
      'GET /audit': auditRoute(trail(1)),
      'GET /audit/verify': () => jsonResponse({ ok: true, entries: entries++, firstBrokenSeq: null }),
    });
    await interact(() => byTestId('audit-verify').click());
    await waitFor(() => expect(byTestId('audit-verify-result').textContent).toBe('Chain intact: 1 entry verified'));
    await interact(() => byTestId('audit-verify').click());
    await waitFor(() => expect(byTestId('audit-verify-result').textContent).toBe('Chain intact: 2 entries verified'));
  });

  it("shows the server's detail when verification is refused with 403", async () => {
    const { byTestId } = await openAudit('/audit', {
      'GET /audit': auditRoute(trail()),
      'GET /audit/verify': () => problemResponse(403, 'Forbidden', 'The auditor role is required.'),
    });
    await interact(() => byTestId('audit-verify').click());
    const result = await waitFor(() => byTestId('audit-verify-result'));
    expect(result.textContent).toBe('Only auditors can verify the audit trail');
    expect(result.classList.contains('result--danger')).toBe(true);
    expect(byTestId('audit-verify-detail').textContent).toBe('The auditor role is required.');
  });
});
