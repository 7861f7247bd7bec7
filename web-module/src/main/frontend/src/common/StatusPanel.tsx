import type { ReactNode } from 'react';

export interface LoadingStateProps {
  message: string;
}

/** A busy indicator with a text that screen readers announce politely. */
export function LoadingState({ message }: LoadingStateProps) {
  return (
    <div className="status status--loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}

export interface ErrorStateProps {
  title: string;
  message: string;
  /** Label and handler of the main way out, usually "Try again". */
  actionLabel?: string;
  onAction?: () => void;
  children?: ReactNode;
}

/** A failure the person can act on: what went wrong, in words, and a button to try again. */
export function ErrorState({ title, message, actionLabel = 'Try again', onAction, children }: ErrorStateProps) {
  return (
    <div className="status status--error" role="alert" data-testid="error">
      <h2 className="status__title">{title}</h2>
      <p className="status__message" data-testid="error-message">
        {message}
      </p>
      {children}
      {onAction && (
        <button type="button" className="button button--primary" onClick={onAction} data-testid="retry">
          {actionLabel}
        </button>
      )}
    </div>
  );
}
