import { useCallback, useEffect, useId, useRef } from 'react';
import { ApiError } from '../api/problem';
import type { Post } from '../api/types';
import { LoadError } from '../common/LoadError';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { useSession } from '../shell/SessionContext';
import { AuthorLine } from './AuthorLine';
import { MarkingChip } from './MarkingChip';

const KIND_TEXT: Record<string, string> = {
  CREATED: 'Created',
  EDITED: 'Edited',
  RELABELLED: 'Label raised',
  DELETED: 'Deleted',
  HIDDEN: 'Hidden',
  UNHIDDEN: 'Unhidden',
};

/**
 * The revision history of a post, in a dialog beside it. Bodies are shown as plain text (they are
 * the Markdown that was written, never rendered here). Escape or "Close" returns to the post.
 */
export function RevisionHistory({ post, onClose }: { post: Post; onClose: () => void }) {
  const { api } = useSession();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const load = useCallback((signal: AbortSignal) => api.getPostRevisions(post.id, signal), [api, post.id]);
  const { state, reload } = useLoad(load);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  let body;
  if (state.status === 'failed') {
    if (state.error instanceof ApiError && state.error.status === 403) {
      body = (
        <p className="notice" data-testid="history-forbidden">
          Only the author, moderators and auditors can see the history of a post.
        </p>
      );
    } else {
      body = <LoadError title="The history could not be loaded" error={state.error} onRetry={reload} />;
    }
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading the history…" />;
  } else if (state.data.length === 0) {
    body = <p className="muted">No revisions recorded.</p>;
  } else {
    body = (
      <ol className="revisions" data-testid="revision-list">
        {state.data.map((revision) => (
          <li key={revision.revision} className="revision" data-testid="revision">
            <p className="revision__meta">
              <strong>
                #{revision.revision} {KIND_TEXT[revision.kind] ?? revision.kind}
              </strong>{' '}
              <MarkingChip item={revision} testId="revision-marking" /> by <AuthorLine author={revision.editor} />{' '}
              <RelativeTime at={revision.at} />
            </p>
            {revision.body !== '' && <pre className="revision__body">{revision.body}</pre>}
          </li>
        ))}
      </ol>
    );
  }

  return (
    <div
      ref={ref}
      className="dialog"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
      data-testid="history-dialog"
    >
      <div className="dialog__header">
        <h3 id={`${id}-title`}>History of this post</h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose} data-testid="history-close">
          Close
        </button>
      </div>
      {body}
    </div>
  );
}
