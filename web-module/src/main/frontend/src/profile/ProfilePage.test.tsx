// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { ALICE, AUDREY } from '../testing/fakes';
import { deferred, fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';

let app: RenderedApp | undefined;

afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

async function openProfile(me: Me, meRoute: FakeRoute = () => jsonResponse(me)) {
  const server = fakeApi({ 'GET /me': meRoute });
  app = await renderApp('/profile', { me, api: server.api });
  return { ...app, server };
}

describe('My profile', () => {
  it('shows who the platform takes you to be, fetched afresh from /api/v1/me', async () => {
    const gate = deferred<void>();
    const { byTestId, queryByTestId, server, container } = await openProfile(ALICE, async () => {
      await gate.promise;
      return jsonResponse(ALICE);
    });
    expect(byTestId('profile').querySelector('h1')?.textContent).toBe('My profile');
    expect(byTestId('loading').textContent).toBe('Loading your profile…');
    expect(queryByTestId('profile-country')).toBeNull();
    gate.resolve();

    await waitFor(() => byTestId('profile-country'));
    expect(server.callsTo('GET /me')).toHaveLength(1);
    expect(byTestId('profile-display-name').textContent).toBe('Alice Moderator');
    expect(byTestId('profile-username').textContent).toBe('alice');
    expect(byTestId('profile-country').textContent).toBe('United Kingdom (GBR)');
    expect(byTestId('profile-clearance').textContent).toBe('SECRET');
    expect(byTestId('profile-clearance').classList.contains('marking--secret')).toBe(true);
    expect(Array.from(byTestId('profile-roles').querySelectorAll('.role-chip')).map((c) => c.textContent)).toEqual([
      'member',
      'moderator',
    ]);
    expect(byTestId('profile-roles').textContent).toContain('reviews and publishes articles');
    expect(byTestId('profile-id').textContent).toBe('4d8c7f1e-7a51-4c55-9a0e-1b1f6c1d2e3f');
    expect(document.title).toBe('My profile — ESCAPE');
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('shows what the server says now, not what the session started with', async () => {
    const moved: Me = { ...AUDREY, country: 'KEN', clearance: 'CONFIDENTIAL' };
    const { byTestId } = await openProfile(AUDREY, () => jsonResponse(moved));
    await waitFor(() => expect(byTestId('profile-country').textContent).toBe('Kenya (KEN)'));
    expect(byTestId('profile-clearance').textContent).toBe('CONFIDENTIAL');
    expect(byTestId('profile-roles').textContent).toContain('Reads the audit trail and verifies its chain.');
  });

  it('falls back to the code for a country it cannot name, and says when there are no roles', async () => {
    const odd: Me = { ...ALICE, country: 'QQQ', roles: [] };
    const { byTestId } = await openProfile(odd);
    await waitFor(() => expect(byTestId('profile-country').textContent).toBe('QQQ'));
    expect(byTestId('profile-roles').textContent).toBe('none');
  });

  it('states that country and clearance are set by identity administrators', async () => {
    const { byTestId } = await openProfile(ALICE);
    const note = await waitFor(() => byTestId('profile-admin-note'));
    expect(note.textContent).toContain(
      'Your country and clearance are set by identity administrators and cannot be changed here.',
    );
    expect(byTestId('profile').querySelector('input, select, textarea')).toBeNull();
  });

  it('links to the Keycloak account console of the configured realm', async () => {
    const { byTestId } = await openProfile(ALICE);
    const link = byTestId('profile-account-link') as HTMLAnchorElement;
    expect(link.textContent).toBe('Change password or sign-in settings');
    expect(link.getAttribute('href')).toBe('http://localhost:8180/realms/escape/account');
  });

  it('shows a failure with "Try again"', async () => {
    let fail = true;
    const { byTestId } = await openProfile(ALICE, () =>
      fail ? problemResponse(503, 'Service unavailable', 'Database is starting.') : jsonResponse(ALICE),
    );
    await waitFor(() => byTestId('error'));
    expect(byTestId('error').querySelector('h2')?.textContent).toBe('Your profile could not be loaded');
    expect(byTestId('error-message').textContent).toBe('Service unavailable: Database is starting.');
    // The way to the account console stays available meanwhile.
    expect(byTestId('profile-account-link')).toBeTruthy();
    fail = false;
    await interact(() => byTestId('retry').click());
    await waitFor(() => expect(byTestId('profile-country').textContent).toBe('United Kingdom (GBR)'));
  });
});
