import type { ClientConfig } from '../api/types';

/**
 * The Keycloak account console of the realm, where people change their password and sign-in
 * settings (ESCAPE never sees either): `<keycloakUrl>/realms/<realm>/account`.
 */
export function accountConsoleUrl(config: Pick<ClientConfig, 'keycloakUrl' | 'realm'>): string {
  return `${config.keycloakUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(config.realm)}/account`;
}
