import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/fakes';
import { isAuthCallback, rememberPath, safeReturnPath, takeRememberedPath } from './returnPath';

const ORIGIN = 'http://localhost:8080';

describe('safeReturnPath', () => {
  it('keeps same-origin paths with query and fragment', () => {
    expect(safeReturnPath('/incidents?status=OPEN#top', ORIGIN)).toBe('/incidents?status=OPEN#top');
    expect(safeReturnPath('/', ORIGIN)).toBe('/');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'evil.example',
      'javascript:alert(1)',
      '/\tx',
      '',
      null,
      undefined,
    ]) {
      expect(safeReturnPath(bad, ORIGIN)).toBeUndefined();
    }
  });
});

describe('isAuthCallback', () => {
  it('recognises Keycloak coming back with a code or an error', () => {
    expect(isAuthCallback(new URL(`${ORIGIN}/#state=abc&session_state=x&code=123`))).toBe(true);
    expect(isAuthCallback(new URL(`${ORIGIN}/#error=access_denied&state=abc`))).toBe(true);
    expect(isAuthCallback(new URL(`${ORIGIN}/?state=abc&code=123`))).toBe(true);
  });

  it('does not mistake ordinary pages for callbacks', () => {
    expect(isAuthCallback(new URL(`${ORIGIN}/forums`))).toBe(false);
    expect(isAuthCallback(new URL(`${ORIGIN}/search?q=state%3Dcode`))).toBe(false);
    expect(isAuthCallback(new URL(`${ORIGIN}/kb#section-2`))).toBe(false);
  });
});

describe('remember and take', () => {
  it('returns the remembered path once', () => {
    const storage = memoryStorage();
    rememberPath(storage, '/kb?tag=phishing', ORIGIN);
    expect(takeRememberedPath(storage, ORIGIN)).toBe('/kb?tag=phishing');
    expect(takeRememberedPath(storage, ORIGIN)).toBeUndefined();
  });

  it('ignores a tampered entry', () => {
    const storage = memoryStorage();
    storage.setItem('escape.returnTo', '//evil.example');
    expect(takeRememberedPath(storage, ORIGIN)).toBeUndefined();
  });

  it('works without storage', () => {
    rememberPath(undefined, '/kb', ORIGIN);
    expect(takeRememberedPath(undefined, ORIGIN)).toBeUndefined();
  });
});
