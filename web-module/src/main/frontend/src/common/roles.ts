import type { Me, Role } from '../api/types';

/**
 * Whether the signed-in user holds a realm role. This only decides what the interface offers;
 * the server checks the role again on every call and answers 403 when it is missing.
 */
export function hasRole(me: Pick<Me, 'roles'>, role: Role): boolean {
  return me.roles.includes(role);
}
