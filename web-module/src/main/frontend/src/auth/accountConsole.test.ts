import { describe, expect, it } from 'vitest';
import { accountConsoleUrl } from './accountConsole';

describe('accountConsoleUrl', () => {
  it('points at the realm account console of the configured Keycloak', () => {
    expect(accountConsoleUrl({ keycloakUrl: 'http://localhost:8180', realm: 'escape' })).toBe(
      'http://localhost:8180/realms/escape/account',
    );
  });

  it('copes with a trailing slash and a Keycloak under a path, and encodes the realm', () => {
    expect(accountConsoleUrl({ keycloakUrl: 'https://sso.example.org/auth/', realm: 'cert coalition' })).toBe(
      'https://sso.example.org/auth/realms/cert%20coalition/account',
    );
  });
});
