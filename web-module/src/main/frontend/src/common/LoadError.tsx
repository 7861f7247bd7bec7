import { ApiError } from '../api/problem';
import { SessionExpiredError } from '../auth/session';
import { ErrorState, LoadingState } from './StatusPanel';

/** A message fit to show for anything a load may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

export interface LoadErrorProps {
  /** What failed, e.g. "Your profile could not be loaded". */
  title: string;
  error: unknown;
  onRetry: () => void;
}

/**
 * The failure of a view's load, with "Try again". An ended session is not an error the person
 * can fix here: the app is already on its way back to the sign-in page, so that is what it says.
 */
export function LoadError({ title, error, onRetry }: LoadErrorProps) {
  if (error instanceof SessionExpiredError) {
    return <LoadingState message={error.message} />;
  }
  const unreachable = error instanceof ApiError && error.unreachable;
  return (
    <ErrorState
      title={unreachable ? 'ESCAPE cannot be reached' : title}
      message={errorMessage(error)}
      onAction={onRetry}
    />
  );
}
