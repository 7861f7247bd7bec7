import { useState } from 'react';
import { Link } from 'react-router';
import type { Thread } from '../api/types';
import { RelativeTime } from '../common/RelativeTime';
import { AuthorLine } from './AuthorLine';
import { MarkingChip } from './MarkingChip';

export function threadPath(thread: Pick<Thread, 'id'>): string {
  return `/threads/${encodeURIComponent(thread.id)}`;
}

/** Pinned, locked and hidden, as small badges with words (not colour alone). */
export function ThreadBadges({ thread }: { thread: Thread }) {
  return (
    <>
      {thread.pinned && <span className="badge badge--pinned" data-testid="badge-pinned">Pinned</span>}
      {thread.locked && <span className="badge badge--locked" data-testid="badge-locked">Locked</span>}
      {thread.hidden && <span className="badge badge--hidden" data-testid="badge-hidden">Hidden</span>}
    </>
  );
}

export interface TagChipsProps {
  tags: readonly string[];
  /** Builds the link of a tag (e.g. the forum filtered by it); plain chips without. */
  linkFor?: (tag: string) => string;
  /**
   * Shows at most this many tags and a "+N more" button that shows the rest (an imported ATT&CK
   * mitigation carries a hundred technique tags); all of them without.
   */
  limit?: number;
}

export function TagChips({ tags, linkFor, limit }: TagChipsProps) {
  const [expanded, setExpanded] = useState(false);
  if (tags.length === 0) return null;
  const folded = limit !== undefined && !expanded && tags.length > limit;
  const shown = folded ? tags.slice(0, limit) : tags;
  return (
    <ul className="tag-list" aria-label="Tags">
      {shown.map((tag) => (
        <li key={tag}>
          {linkFor ? (
            <Link className="tag" to={linkFor(tag)} data-testid="tag">
              {tag}
            </Link>
          ) : (
            <span className="tag" data-testid="tag">
              {tag}
            </span>
          )}
        </li>
      ))}
      {folded && (
        <li>
          <button
            type="button"
            className="tag tag--more"
            data-testid="tags-more"
            onClick={() => setExpanded(true)}
            aria-label={`Show all ${tags.length} tags`}
          >
            +{tags.length - shown.length} more
          </button>
        </li>
      )}
    </ul>
  );
}

function ThreadRow({ thread, tagLink }: { thread: Thread; tagLink: (tag: string) => string }) {
  const unread = thread.unreadCount > 0;
  return (
    <li
      className={`thread-row${unread ? ' thread-row--unread' : ''}${thread.hidden ? ' thread-row--hidden' : ''}`}
      data-testid="thread-row"
    >
      <div className="thread-row__main">
        <p className="thread-row__title">
          <Link to={threadPath(thread)}>{thread.title}</Link>
          {unread && (
            <>
              <span className="unread-count" aria-hidden="true" title="Unread posts" data-testid="thread-unread">
                {thread.unreadCount > 99 ? '99+' : thread.unreadCount}
              </span>
              <span className="visually-hidden" data-testid="thread-unread-text">
                {' '}
                ({thread.unreadCount} unread {thread.unreadCount === 1 ? 'post' : 'posts'})
              </span>
            </>
          )}
        </p>
        <p className="thread-row__meta">
          <MarkingChip item={thread} />
          <ThreadBadges thread={thread} />
          <AuthorLine author={thread.author} />
        </p>
        <TagChips tags={thread.tags} linkFor={tagLink} />
      </div>
      <dl className="thread-row__stats">
        <div>
          <dt>Posts</dt>
          <dd data-testid="thread-post-count">{thread.postCount}</dd>
        </div>
        <div>
          <dt>Activity</dt>
          <dd>{thread.lastActivityAt ? <RelativeTime at={thread.lastActivityAt} /> : '—'}</dd>
        </div>
      </dl>
    </li>
  );
}

export interface ThreadListProps {
  threads: readonly Thread[];
  tagLink: (tag: string) => string;
  busy: boolean;
}

export function ThreadList({ threads, tagLink, busy }: ThreadListProps) {
  return (
    <ul className="thread-list" aria-busy={busy} data-testid="thread-list">
      {threads.map((thread) => (
        <ThreadRow key={thread.id} thread={thread} tagLink={tagLink} />
      ))}
    </ul>
  );
}
