// @vitest-environment happy-dom
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import { ApiClient } from '../api/client';
import type { Me } from '../api/types';
import { ALICE, AUDREY, CLIENT_CONFIG } from '../testing/fakes';
import { interact, pressKey, render, type Rendered } from '../testing/render';
import { AppRoutes } from './AppRoutes';
import { AREAS, visibleAreas } from './areas';
import { SessionContext } from './SessionContext';

let rendered: Rendered | undefined;

afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

async function renderAt(path: string, signOut = vi.fn(async () => undefined)) {
  const api = new ApiClient({ getToken: async () => 'token', fetch: vi.fn<typeof fetch>() });
  rendered = await render(
    <SessionContext.Provider value={{ me: ALICE, api, signOut, config: CLIENT_CONFIG }}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </SessionContext.Provider>,
  );
  return { ...rendered, signOut };
}

function navLinks(container: HTMLElement) {
  return Array.from(container.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a'));
}

describe('shell', () => {
  it('has the product name, a skip link and the five areas as real links', async () => {
    const { container } = await renderAt('/');
    expect(container.querySelector('header')?.textContent).toContain('ESCAPE');
    const skip = container.querySelector<HTMLAnchorElement>('a.skip-link');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(container.querySelector('main#main-content')).not.toBeNull();
    expect(navLinks(container).map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Forums', '/forums'],
      ['Incidents', '/incidents'],
      ['Knowledge base', '/kb'],
      ['Search', '/search'],
      ['Notifications', '/notifications'],
    ]);
  });

  it('greets the user on the home page and explains the areas', async () => {
    const { byTestId, container } = await renderAt('/');
    expect(byTestId('welcome').textContent).toBe('Welcome, Alice Moderator');
    expect(document.title).toBe('Overview — ESCAPE');
    for (const area of visibleAreas(ALICE)) {
      expect(container.textContent).toContain(area.description);
    }
    const auditArea = AREAS.find((area) => area.path === '/audit')!;
    expect(container.textContent).not.toContain(auditArea.description);
    expect(navLinks(container).some((a) => a.hasAttribute('aria-current'))).toBe(false);
  });

  it('/kb is the knowledge base, no longer a placeholder, with its link marked current', async () => {
    const { container, queryByTestId } = await renderAt('/kb');
    expect(queryByTestId('area-placeholder')).toBeNull();
    expect(container.querySelector('main h1')?.textContent).toBe('Knowledge base');
    const current = navLinks(container).filter((a) => a.getAttribute('aria-current') === 'page');
    expect(current.map((a) => a.getAttribute('href'))).toEqual(['/kb']);
    expect(AREAS.every((area) => area.available)).toBe(true);
  });

  it.each([
    ['/forums', '/forums'],
    ['/forums/f0000000-0000-4000-8000-000000000001', '/forums'],
    ['/threads/t0000000-0000-4000-8000-000000000001', '/forums'],
    ['/notifications', '/notifications'],
    ['/incidents', '/incidents'],
    ['/incidents/a0000000-0000-4000-8000-000000000001', '/incidents'],
    ['/kb', '/kb'],
    ['/kb/new', '/kb'],
    ['/kb/2b0f3c4e-0000-4000-8000-000000000000/diff?from=1&to=2', '/kb'],
  ])('marks the area of %s current in the navigation (%s)', async (path, area) => {
    const { container } = await renderAt(path);
    const current = navLinks(container).filter((a) => a.getAttribute('aria-current') === 'page');
    expect(current.map((a) => a.getAttribute('href'))).toEqual([area]);
  });

  it('marks no area current on addresses outside every area', async () => {
    for (const path of ['/profile', '/forumsx', '/threads', '/threads/t1/posts']) {
      const { container, unmount } = await renderAt(path);
      expect(navLinks(container).some((a) => a.hasAttribute('aria-current')), path).toBe(false);
      await unmount();
    }
    rendered = undefined;
  });

  it('keeps deeper addresses of an area inside that area', async () => {
    const { byTestId, container } = await renderAt('/kb/new');
    expect(container.querySelector('main h1')?.textContent).toBe('New article');
    expect(byTestId('article-editor').tagName).toBe('FORM');
  });

  it('answers unknown addresses below the knowledge base with the 404 page', async () => {
    const { byTestId } = await renderAt('/kb/2b0f3c4e-0000-4000-8000-000000000000/nothing');
    expect(byTestId('not-found').textContent).toBe('Page not found');
  });

  it('shows a 404 page for unknown addresses', async () => {
    const { byTestId, container } = await renderAt('/no/such/page');
    expect(byTestId('not-found').textContent).toBe('Page not found');
    expect(container.querySelector('main code')?.textContent).toBe('/no/such/page');
    expect(document.title).toBe('Page not found — ESCAPE');
  });

  it('moves focus to the content after following a navigation link', async () => {
    const { container } = await renderAt('/');
    const incidents = navLinks(container).find((a) => a.getAttribute('href') === '/incidents')!;
    await interact(() => incidents.click());
    expect(container.querySelector('main h1')?.textContent).toBe('Incidents');
    expect(document.activeElement).toBe(container.querySelector('main'));
  });

  it('leaves focus alone on the first render, even under StrictMode', async () => {
    const api = new ApiClient({ getToken: async () => 'token', fetch: vi.fn<typeof fetch>() });
    rendered = await render(
      <StrictMode>
        <SessionContext.Provider value={{ me: ALICE, api, signOut: async () => undefined, config: CLIENT_CONFIG }}>
          <MemoryRouter initialEntries={['/kb']}>
            <AppRoutes />
          </MemoryRouter>
        </SessionContext.Provider>
      </StrictMode>,
    );
    expect(document.activeElement).not.toBe(rendered.container.querySelector('main'));
  });

  it('the skip link moves focus to the content', async () => {
    const { container } = await renderAt('/');
    await interact(() => container.querySelector<HTMLAnchorElement>('a.skip-link')!.click());
    expect(document.activeElement).toBe(container.querySelector('main'));
  });
});

describe('navigation by role', () => {
  async function renderAs(me: Me) {
    const api = new ApiClient({ getToken: async () => 'token', fetch: vi.fn<typeof fetch>() });
    rendered = await render(
      <SessionContext.Provider value={{ me, api, signOut: async () => undefined, config: CLIENT_CONFIG }}>
        <MemoryRouter initialEntries={['/']}>
          <AppRoutes />
        </MemoryRouter>
      </SessionContext.Provider>,
    );
    return rendered;
  }

  it('offers the audit trail only to auditors, in the navigation and on the overview', async () => {
    const auditor = await renderAs(AUDREY);
    expect(auditor.byTestId('nav-audit').getAttribute('href')).toBe('/audit');
    expect(navLinks(auditor.container).map((a) => a.textContent)).toEqual([
      'Forums',
      'Incidents',
      'Knowledge base',
      'Search',
      'Notifications',
      'Audit trail',
    ]);
    expect(auditor.container.querySelector('.area-list a[href="/audit"]')).not.toBeNull();
    await auditor.unmount();

    for (const me of [ALICE, { ...ALICE, roles: ['member', 'moderator', 'admin'] }, { ...ALICE, roles: [] }]) {
      const other = await renderAs(me);
      expect(other.queryByTestId('nav-audit'), me.roles.join()).toBeNull();
      expect(other.container.querySelector('a[href="/audit"]')).toBeNull();
      await other.unmount();
    }
    rendered = undefined;
  });

  it('gives every navigation link a test id from its path', async () => {
    const { byTestId } = await renderAs(AUDREY);
    for (const id of ['nav-forums', 'nav-incidents', 'nav-kb', 'nav-search', 'nav-notifications', 'nav-audit']) {
      expect(byTestId(id).tagName).toBe('A');
    }
  });
});

describe('user menu', () => {
  it('shows who is signed in, with country · clearance and roles', async () => {
    const { byTestId } = await renderAt('/');
    expect(byTestId('user-display-name').textContent).toBe('Alice Moderator');
    expect(byTestId('user-username').textContent).toBe('alice');
    expect(byTestId('user-summary').textContent).toBe('GBR · SECRET');
    expect(Array.from(byTestId('user-roles').querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'member',
      'moderator',
    ]);
  });

  it('opens from its button and closes with Escape, returning focus to the button', async () => {
    const { byTestId } = await renderAt('/');
    const button = byTestId('user-menu-button');
    const panel = byTestId('user-menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.hidden).toBe(true);

    await interact(() => {
      button.focus();
      button.click();
    });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);

    await interact(() => byTestId('sign-out').focus());
    await interact(() => pressKey('Escape'));
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
  });

  it('closes on a click outside and toggles from its button', async () => {
    const { byTestId } = await renderAt('/');
    const button = byTestId('user-menu-button');
    await interact(() => button.click());
    await interact(() => byTestId('user-menu').dispatchEvent(new Event('pointerdown', { bubbles: true })));
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await interact(() => document.body.dispatchEvent(new Event('pointerdown', { bubbles: true })));
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await interact(() => button.click());
    await interact(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('leads to "My profile" and closes', async () => {
    const { byTestId, container } = await renderAt('/');
    await interact(() => byTestId('user-menu-button').click());
    const link = byTestId('user-menu-profile');
    expect(link.textContent).toBe('My profile');
    expect(link.getAttribute('href')).toBe('/profile');
    await interact(() => link.click());
    expect(container.querySelector('h1')?.textContent).toBe('My profile');
    expect(byTestId('user-menu').hidden).toBe(true);
    expect(document.activeElement).toBe(container.querySelector('main'));
  });

  it('signs out', async () => {
    const { byTestId, signOut } = await renderAt('/');
    await interact(() => byTestId('user-menu-button').click());
    const signOutButton = byTestId('sign-out');
    expect(signOutButton.textContent).toBe('Sign out');
    await interact(() => signOutButton.click());
    expect(signOut).toHaveBeenCalledTimes(1);
  });
});
