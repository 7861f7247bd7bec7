import { useCallback, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/problem';
import type { Forum } from '../api/types';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { Pager } from '../common/Pager';
import { hasRole } from '../common/roles';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { pageFrom, searchFor, tagFrom } from './forumSearch';
import { ForumSettings } from './ForumSettings';
import { NewThreadForm } from './NewThreadForm';
import { threadPath, ThreadList } from './ThreadList';

export const THREAD_PAGE_SIZE = 20;

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

interface ThreadsProps {
  forum: Forum;
  /** Opens the "New thread" composer; undefined when none may be started (archived) or it is open. */
  onStart: (() => void) | undefined;
}

function Threads({ forum, onStart }: ThreadsProps) {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const tag = tagFrom(params);
  const load = useCallback(
    (signal: AbortSignal) => api.listThreads(forum.id, { page, size: THREAD_PAGE_SIZE, tag }, signal),
    [api, forum.id, page, tag],
  );
  const { state, reload } = useLoad(load);
  const tagLink = (t: string) => `/forums/${encodeURIComponent(forum.id)}${searchFor(0, { tag: t })}`;

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="The threads could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading threads…" />;
  } else if (state.data.items.length === 0) {
    let text;
    if (state.data.page > 0) text = 'This page is past the end of the list.';
    else if (tag) text = `No threads you can read are tagged “${tag}”.`;
    else if (forum.archived) text = 'No threads in this forum.';
    else text = 'No threads yet — start one.';
    body = (
      <div className="empty-state" data-testid="thread-empty">
        <p>{text}</p>
        {state.data.page === 0 && !tag && onStart && (
          <p className="empty-state__hint">
            <button type="button" className="button button--primary" onClick={onStart} data-testid="thread-empty-start">
              Start a thread
            </button>
          </p>
        )}
      </div>
    );
  } else {
    const result = state.data;
    body = (
      <>
        <ThreadList threads={result.items} tagLink={tagLink} busy={state.status === 'loading'} />
        <Pager
          page={result.page}
          size={result.size}
          total={result.total}
          shown={result.items.length}
          onPage={(next) => setParams(new URLSearchParams(searchFor(next, { tag })))}
          label="Thread pages"
          testId="thread-pager"
          noun="threads"
        />
      </>
    );
  }

  return (
    <>
      {tag && (
        <p className="filter-note" data-testid="tag-filter">
          Threads tagged <span className="tag">{tag}</span>{' '}
          <Link to={`/forums/${encodeURIComponent(forum.id)}`} data-testid="tag-filter-clear">
            Show all threads
          </Link>
        </p>
      )}
      {body}
    </>
  );
}

function ForumView({ initial }: { initial: Forum }) {
  const { me } = useSession();
  const [forum, setForum] = useState(initial);
  usePageTitle(forum.name);
  const navigate = useNavigate();
  const [composing, setComposing] = useState(false);
  const [settings, setSettings] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const moderator = hasRole(me, 'moderator');

  const closeSettings = () => {
    setSettings(false);
    queueMicrotask(() => settingsButton.current?.focus());
  };
  const onSaved = (updated: Forum) => {
    setSaved(
      updated.archived !== forum.archived
        ? updated.archived
          ? 'The forum is archived: it is now read-only.'
          : 'The forum is no longer archived.'
        : 'The forum settings are saved.',
    );
    setForum(updated);
    if (updated.archived) setComposing(false);
    closeSettings();
  };

  return (
    <section className="page page--wide forum" aria-labelledby="page-heading">
      <MarkingBanner label={forum.label} />
      {forum.archived && (
        <div className="notice notice--archived" role="note" data-testid="forum-archived">
          <p>Archived: read-only.</p>
          <p className="notice__more">This forum can be read, but no new threads or posts can be added.</p>
        </div>
      )}
      <p className="breadcrumbs">
        <Link to="/forums">Forums</Link>
      </p>
      <div className="page-header">
        <h1 id="page-heading">{forum.name}</h1>
        <div className="page-header__actions">
          {moderator && (
            <button
              ref={settingsButton}
              type="button"
              className="button button--secondary"
              aria-expanded={settings}
              onClick={() => {
                setSaved(null);
                setSettings((open) => !open);
              }}
              data-testid="forum-settings-button"
            >
              Forum settings
            </button>
          )}
          {!forum.archived && !composing && (
            <button type="button" className="button button--primary" onClick={() => setComposing(true)} data-testid="new-thread-button">
              New thread
            </button>
          )}
        </div>
      </div>
      {forum.description && <p className="lead forum__description">{forum.description}</p>}
      <p className="status-note" role="status" data-testid="forum-settings-saved">
        {saved}
      </p>
      {settings && <ForumSettings forum={forum} onSaved={onSaved} onClose={closeSettings} />}
      {composing && (
        <NewThreadForm forum={forum} onCreated={(thread) => navigate(threadPath(thread))} onCancel={() => setComposing(false)} />
      )}
      <Threads forum={forum} onStart={!forum.archived && !composing ? () => setComposing(true) : undefined} />
      <MarkingBanner label={forum.label} position="bottom" />
    </section>
  );
}

/** `/forums/:forumId`: one forum, its threads (paged, filtered by tag) and "New thread". */
export function ForumPage() {
  const { api } = useSession();
  const { forumId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.getForum(forumId, signal), [api, forumId]);
  const { state, reload } = useLoad(load);

  if (state.status === 'failed') {
    if (isNotFound(state.error)) return <NotAvailable backTo={{ path: '/forums', label: 'Go to the forums' }} />;
    return (
      <section className="page">
        <LoadError title="The forum could not be loaded" error={state.error} onRetry={reload} />
      </section>
    );
  }
  if (state.data === undefined || state.data.id !== forumId) return <LoadingState message="Loading the forum…" />;
  return <ForumView key={state.data.id} initial={state.data} />;
}
