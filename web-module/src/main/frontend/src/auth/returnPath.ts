/**
 * Remembers the page a person asked for while they take the round trip through the Keycloak
 * sign-in page. The realm allows exactly one redirect URI (the site root), so a deep link such
 * as `/incidents?status=OPEN` would otherwise be lost on the way.
 *
 * The path lives in sessionStorage: per tab, gone when the tab closes, never sent anywhere.
 */

const STORAGE_KEY = 'escape.returnTo';

export type PathStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** sessionStorage when the browser lets us use it (it may throw in locked-down profiles). */
export function browserStorage(): PathStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * True when the URL is Keycloak coming back to us (`#state=…&code=…` or `#state=…&error=…`;
 * also in the query for completeness). Such a URL must not overwrite the remembered path.
 */
export function isAuthCallback(url: URL): boolean {
  for (const part of [url.hash.replace(/^#/, ''), url.search.replace(/^\?/, '')]) {
    if (!part) continue;
    const params = new URLSearchParams(part);
    if (params.has('state') && (params.has('code') || params.has('error'))) return true;
  }
  return false;
}

/**
 * The same-origin path (path, query and fragment) of `candidate`, or undefined when it points
 * anywhere else. Guards against `//evil.example`, `/\evil.example`, `https://…` and the like, so
 * a tampered storage entry can never turn into an open redirect.
 */
export function safeReturnPath(candidate: string | null | undefined, origin: string): string | undefined {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return undefined;
  }
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return undefined;
  let url: URL;
  try {
    url = new URL(candidate, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  return url.pathname + url.search + url.hash;
}

export function rememberPath(storage: PathStorage | undefined, path: string, origin: string): void {
  const safe = safeReturnPath(path, origin);
  if (!storage || !safe) return;
  try {
    storage.setItem(STORAGE_KEY, safe);
  } catch {
    // storage full or disabled: the person lands on the home page instead, nothing worse
  }
}

/** The remembered path, without removing it. */
export function peekRememberedPath(storage: PathStorage | undefined, origin: string): string | undefined {
  if (!storage) return undefined;
  try {
    return safeReturnPath(storage.getItem(STORAGE_KEY), origin);
  } catch {
    return undefined;
  }
}

/** The remembered path, removed from storage so that it is used once. */
export function takeRememberedPath(storage: PathStorage | undefined, origin: string): string | undefined {
  const path = peekRememberedPath(storage, origin);
  forgetPath(storage);
  return path;
}

export function forgetPath(storage: PathStorage | undefined): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // nothing to do
  }
}
