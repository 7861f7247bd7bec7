import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ApiClient, fetchClientConfig } from '../api/client';
import { ApiError } from '../api/problem';
import type { ClientConfig, Me } from '../api/types';
import {
  describeSignInError,
  retrySignInTarget,
  SessionExpiredError,
  startSession,
  type AuthSession,
} from '../auth/session';
import { ErrorState, LoadingState } from '../common/StatusPanel';
import { App } from './App';
import { BootScreen } from './BootScreen';

/** The outside world the start-up sequence talks to; replaced in tests. */
export interface StartDependencies {
  fetchConfig: () => Promise<ClientConfig>;
  startSession: (config: ClientConfig) => Promise<AuthSession>;
  createApi: (session: AuthSession) => ApiClient;
  /** A full page load (used to restart a failed sign-in cleanly). */
  navigate: (url: string) => void;
}

export function browserDependencies(): StartDependencies {
  return {
    fetchConfig: () => fetchClientConfig(),
    startSession: (config) => startSession(config),
    createApi: (session) => new ApiClient({ getToken: () => session.token() }),
    navigate: (url) => window.location.assign(url),
  };
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/**
 * Starts the app in `container`: client configuration → Keycloak sign-in → `GET /api/v1/me` →
 * the application. Each step shows its own progress and, when it fails, a clear message with a
 * way to try again from that step.
 */
export function start(container: Element, deps: StartDependencies = browserDependencies()): Root {
  const root = createRoot(container);
  const show = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);
  const showBoot = (node: ReactNode) => show(<BootScreen>{node}</BootScreen>);

  const loadConfig = async (): Promise<void> => {
    showBoot(<LoadingState message="Connecting to ESCAPE…" />);
    let config: ClientConfig;
    try {
      config = await deps.fetchConfig();
    } catch (error) {
      const unreachable = error instanceof ApiError && error.unreachable;
      showBoot(
        <ErrorState
          title={unreachable ? 'ESCAPE cannot be reached' : 'ESCAPE is not ready'}
          message={messageOf(error)}
          onAction={() => void loadConfig()}
        />,
      );
      return;
    }
    await signIn(config);
  };

  const signIn = async (config: ClientConfig): Promise<void> => {
    showBoot(<LoadingState message="Signing you in…" />);
    let session: AuthSession;
    try {
      session = await deps.startSession(config);
    } catch (error) {
      showBoot(
        <ErrorState
          title="Sign-in failed"
          message={`${describeSignInError(error)} The sign-in service may be unavailable.`}
          onAction={() => deps.navigate(retrySignInTarget())}
        />,
      );
      return;
    }
    await loadProfile(config, session);
  };

  const loadProfile = async (config: ClientConfig, session: AuthSession): Promise<void> => {
    showBoot(<LoadingState message="Loading your profile…" />);
    const api = deps.createApi(session);
    let me: Me;
    try {
      me = await api.getMe();
    } catch (error) {
      if (error instanceof SessionExpiredError) {
        showBoot(<LoadingState message={error.message} />);
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        showBoot(
          <ErrorState
            title="Your sign-in was not accepted"
            message={`${error.message} Signing in again usually fixes this.`}
            actionLabel="Sign in again"
            onAction={() => session.signInAgain()}
          />,
        );
        return;
      }
      const unreachable = error instanceof ApiError && error.unreachable;
      showBoot(
        <ErrorState
          title={unreachable ? 'ESCAPE cannot be reached' : 'Your profile could not be loaded'}
          message={messageOf(error)}
          onAction={() => void loadProfile(config, session)}
        />,
      );
      return;
    }
    show(<App me={me} api={api} signOut={() => session.signOut()} config={config} />);
  };

  void loadConfig();
  return root;
}
