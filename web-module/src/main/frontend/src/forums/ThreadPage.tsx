import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/problem';
import type { Post, Thread } from '../api/types';
import { pageLabel } from '../common/labelRules';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { Pager } from '../common/Pager';
import { hasRole } from '../common/roles';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { AuthorLine } from './AuthorLine';
import { lastPage, pageFrom, searchFor } from './forumSearch';
import { PostArticle, postElementId } from './PostArticle';
import { ReplyBox } from './ReplyBox';
import { TagChips, ThreadBadges } from './ThreadList';
import { ThreadModeration } from './ThreadModeration';

export const POST_PAGE_SIZE = 20;

/** `#post-<id>` → the post id, or null. */
export function postIdFromHash(hash: string): string | null {
  const match = /^#post-([A-Za-z0-9-]{1,64})$/.exec(hash);
  return match ? match[1]! : null;
}

function focusPost(postId: string): boolean {
  const element = document.getElementById(postElementId(postId));
  if (!element) return false;
  element.focus();
  element.scrollIntoView?.({ block: 'start' });
  return true;
}

function ThreadHeader({ thread, onChanged }: { thread: Thread; onChanged: (thread: Thread) => void }) {
  const { me } = useSession();
  const forumPath = `/forums/${encodeURIComponent(thread.forumId)}`;
  return (
    <header className="thread-header">
      <p className="breadcrumbs">
        <Link to="/forums">Forums</Link> › <Link to={forumPath}>{thread.forumName}</Link>
      </p>
      <h1 id="page-heading" className="thread-header__title">
        {thread.title}
      </h1>
      <p className="thread-header__meta">
        <ThreadBadges thread={thread} />
        <span>
          Started by <AuthorLine author={thread.author} />
        </span>
        <span className="thread-header__count">
          {thread.postCount} {thread.postCount === 1 ? 'post' : 'posts'}
        </span>
      </p>
      <TagChips tags={thread.tags} linkFor={(tag) => `${forumPath}${searchFor(0, { tag })}`} />
      {hasRole(me, 'moderator') && <ThreadModeration thread={thread} onChanged={onChanged} />}
    </header>
  );
}

function ThreadView({ initial }: { initial: Thread }) {
  const { api } = useSession();
  const [thread, setThread] = useState(initial);
  usePageTitle(thread.title);
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const page = pageFrom(params);
  const hashTarget = postIdFromHash(location.hash);

  const load = useCallback(
    (signal: AbortSignal) => api.listPosts(thread.id, { page, size: POST_PAGE_SIZE }, signal),
    [api, thread.id, page],
  );
  const { state, reload } = useLoad(load);
  // Local changes (edit, delete, moderation, relabel) to the page as loaded; dropped on the next load.
  const [edited, setEdited] = useState<{ source: Post[]; items: Post[] } | null>(null);
  const loaded = state.data?.items;
  const posts = useMemo(
    () => (edited && edited.source === loaded ? edited.items : (loaded ?? [])),
    [edited, loaded],
  );
  const [replyTo, setReplyTo] = useState<Post | null>(null);
  const [targetMissing, setTargetMissing] = useState(false);
  const focusAfterLoad = useRef<string | null>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);

  // Everything readable up to now is read once the posts are on screen.
  useEffect(() => {
    if (state.status !== 'ready') return;
    api.markThreadRead(thread.id).catch(() => undefined);
  }, [api, thread.id, state.status, state.data]);

  // Focus the post just written, or the one the address points at (`#post-<id>`); a linked post
  // that is not on the first page is looked for on the following ones.
  useEffect(() => {
    if (state.status !== 'ready' || posts !== state.data.items) return;
    const target = focusAfterLoad.current ?? hashTarget;
    if (!target) return;
    if (focusPost(target)) {
      focusAfterLoad.current = null;
      setTargetMissing(false);
      return;
    }
    if (focusAfterLoad.current === null && page < lastPage(state.data.total, POST_PAGE_SIZE)) {
      navigate({ search: searchFor(page + 1), hash: location.hash }, { replace: true });
    } else {
      setTargetMissing(true);
    }
  }, [posts, state.status, state.data, hashTarget, page, navigate, location.hash]);

  // The banner is as restrictive as the most restrictive thing on the page, posts included.
  const bannerLabel = useMemo(() => pageLabel([thread.label, ...posts.map((p) => p.label)]), [thread.label, posts]);
  const postsById = useMemo(() => new Map(posts.map((p) => [p.id, p])), [posts]);
  const replaceThreadPost = (updated: Post) => {
    if (!loaded) return;
    setEdited({ source: loaded, items: posts.map((p) => (p.id === updated.id ? updated : p)) });
  };

  const startReply = (post: Post) => {
    setReplyTo(post);
    replyRef.current?.focus();
    replyRef.current?.scrollIntoView?.({ block: 'center' });
  };

  const posted = (post: Post) => {
    setReplyTo(null);
    setThread((t) => ({ ...t, postCount: t.postCount + 1, lastActivityAt: post.createdAt }));
    focusAfterLoad.current = post.id;
    const total = (state.data?.total ?? 0) + 1;
    const last = lastPage(total, POST_PAGE_SIZE);
    if (last === page) reload();
    else navigate({ search: searchFor(last), hash: `#${postElementId(post.id)}` });
  };

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="The posts could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading posts…" />;
  } else if (posts.length === 0) {
    body = (
      <div className="empty-state" data-testid="post-empty">
        <p>{state.data.page > 0 ? 'This page is past the end of the thread.' : 'There are no posts here that you can read.'}</p>
      </div>
    );
  } else {
    const result = state.data;
    body = (
      <>
        <div className="post-list" aria-busy={state.status === 'loading'} data-testid="post-list">
          {posts.map((post) => (
            <PostArticle
              key={post.id}
              post={post}
              thread={thread}
              replyTarget={post.replyTo ? postsById.get(post.replyTo) : undefined}
              onReply={startReply}
              onChanged={replaceThreadPost}
              onJumpTo={focusPost}
            />
          ))}
        </div>
        <Pager
          page={result.page}
          size={result.size}
          total={result.total}
          shown={posts.length}
          onPage={(next) => navigate({ search: searchFor(next) })}
          label="Post pages"
          testId="post-pager"
          noun="posts"
        />
      </>
    );
  }

  return (
    <section className="page thread" aria-labelledby="page-heading">
      <MarkingBanner label={bannerLabel} />
      <ThreadHeader thread={thread} onChanged={setThread} />
      {targetMissing && (
        <p className="notice" data-testid="post-target-missing">
          The post you followed is not found or not available to you.
        </p>
      )}
      {body}
      {thread.locked ? (
        <div className="notice" data-testid="thread-locked-notice">
          <p>This thread is locked: no new replies can be posted.</p>
        </div>
      ) : (
        <ReplyBox
          thread={thread}
          replyTo={replyTo}
          onClearReplyTo={() => setReplyTo(null)}
          onPosted={posted}
          textareaRef={replyRef}
        />
      )}
      <MarkingBanner label={bannerLabel} position="bottom" />
    </section>
  );
}

/** `/threads/:threadId`: a thread, its posts page by page, and the reply box. */
export function ThreadPage() {
  const { api } = useSession();
  const { threadId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.getThread(threadId, signal), [api, threadId]);
  const { state, reload } = useLoad(load);

  if (state.status === 'failed') {
    if (state.error instanceof ApiError && state.error.status === 404) {
      return <NotAvailable backTo={{ path: '/forums', label: 'Go to the forums' }} />;
    }
    return (
      <section className="page">
        <LoadError title="The thread could not be loaded" error={state.error} onRetry={reload} />
      </section>
    );
  }
  if (state.data === undefined || state.data.id !== threadId) return <LoadingState message="Loading the thread…" />;
  return <ThreadView key={state.data.id} initial={state.data} />;
}
