import { useCallback, useEffect, useState } from 'react';

/**
 * Where a load stands. While a new load runs, `data` still holds the previous result, so a view
 * can keep showing it (marked busy) instead of blanking out and losing the reader's focus.
 */
export type LoadState<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: unknown; data: undefined };

export interface Load<T> {
  state: LoadState<T>;
  /** Runs the same load again (e.g. "Try again", or re-applying unchanged filters). */
  reload: () => void;
}

/**
 * Runs `load` when the view appears and whenever `load` changes (memoize it with `useCallback`
 * over what it depends on). A load that has been superseded or whose view has gone is aborted
 * and its outcome ignored, so answers arriving out of order never overwrite newer ones.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): Load<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading', data: undefined });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading', data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error, data: undefined });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
