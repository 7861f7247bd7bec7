import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Forum, Page } from '../api/types';
import { LoadError } from '../common/LoadError';
import { MarkingChip } from './MarkingChip';
import { Pager } from '../common/Pager';
import { RelativeTime } from '../common/RelativeTime';
import { hasRole } from '../common/roles';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { pageFrom, searchFor } from './forumSearch';
import { NewForumForm } from './NewForumForm';

export const FORUM_PAGE_SIZE = 50;

function ForumRow({ forum }: { forum: Forum }) {
  return (
    <li className={`forum-row${forum.archived ? ' forum-row--archived' : ''}`} data-testid="forum-row">
      <div className="forum-row__main">
        <h2 className="forum-row__name">
          <Link to={`/forums/${encodeURIComponent(forum.id)}`}>{forum.name}</Link>
        </h2>
        {forum.description && <p className="forum-row__description">{forum.description}</p>}
        <p className="forum-row__meta">
          <MarkingChip item={forum} />
          {forum.archived && <span className="badge badge--archived">Archived</span>}
        </p>
      </div>
      <dl className="forum-row__stats">
        <div>
          <dt>Threads</dt>
          <dd data-testid="forum-thread-count">{forum.threadCount}</dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>{forum.lastActivityAt ? <RelativeTime at={forum.lastActivityAt} /> : <span className="muted">none yet</span>}</dd>
        </div>
      </dl>
    </li>
  );
}

interface ForumListProps {
  result: Page<Forum>;
  archived: boolean;
  onPage: (p: number) => void;
  /** Opens "New forum"; only for moderators, and only while it is not already open. */
  onCreate: (() => void) | undefined;
}

function ForumList({ result, archived, onPage, onCreate }: ForumListProps) {
  if (result.items.length === 0) {
    if (result.page > 0 || archived) {
      return (
        <div className="empty-state" data-testid="forum-empty">
          <p>{result.page > 0 ? 'This page is past the end of the list.' : 'No forums you can read, archived or not.'}</p>
        </div>
      );
    }
    return (
      <div className="empty-state" data-testid="forum-empty">
        <p>No forums you can read yet.</p>
        {onCreate ? (
          <p className="empty-state__hint" data-testid="forum-empty-hint">
            As a moderator you can create the first one: give it a name, a description and a label.{' '}
            <button type="button" className="link-button" onClick={onCreate} data-testid="forum-empty-create">
              Create a forum
            </button>
          </p>
        ) : (
          <p className="empty-state__hint" data-testid="forum-empty-hint">
            Forums are created by moderators. You see only those your country and clearance allow.
          </p>
        )}
      </div>
    );
  }
  return (
    <>
      <ul className="forum-list" data-testid="forum-list">
        {result.items.map((forum) => (
          <ForumRow key={forum.id} forum={forum} />
        ))}
      </ul>
      <Pager
        page={result.page}
        size={result.size}
        total={result.total}
        shown={result.items.length}
        onPage={onPage}
        label="Forum pages"
        testId="forum-pager"
        noun="forums"
      />
    </>
  );
}

/** `/forums`: the forums the user may read; moderators may create one. */
export function ForumListPage() {
  const { api, me } = useSession();
  usePageTitle('Forums');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const archived = params.get('archived') === '1';
  const [creating, setCreating] = useState(false);
  const moderator = hasRole(me, 'moderator');

  const load = useCallback(
    (signal: AbortSignal) => api.listForums({ page, size: FORUM_PAGE_SIZE, archived }, signal),
    [api, page, archived],
  );
  const { state, reload } = useLoad(load);

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="The forums could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading forums…" />;
  } else {
    body = (
      <ForumList
        result={state.data}
        archived={archived}
        onCreate={moderator && !creating ? () => setCreating(true) : undefined}
        onPage={(next) => setParams(new URLSearchParams(searchFor(next, { archived })))}
      />
    );
  }

  return (
    <section className="page page--wide forums" aria-labelledby="page-heading">
      <div className="page-header">
        <h1 id="page-heading">Forums</h1>
        {moderator && !creating && (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)} data-testid="new-forum-button">
            New forum
          </button>
        )}
      </div>
      <p className="lead">Discussions by topic. You see the forums, threads and posts your country and clearance allow.</p>
      {creating && (
        <NewForumForm
          onCreated={(forum) => navigate(`/forums/${encodeURIComponent(forum.id)}`)}
          onCancel={() => setCreating(false)}
        />
      )}
      <div className="list-toolbar">
        <label className="toggle">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => setParams(new URLSearchParams(searchFor(0, { archived: e.currentTarget.checked })))}
            data-testid="forum-show-archived"
          />
          Show archived forums
        </label>
      </div>
      {body}
    </section>
  );
}
