import { useRef, useState } from 'react';
import type { Post, Thread } from '../api/types';
import { formProblem } from '../common/formProblem';
import { sameLabel } from '../common/labelRules';
import { RelativeTime } from '../common/RelativeTime';
import { hasRole } from '../common/roles';
import { formatAbsolute } from '../common/time';
import { useSession } from '../shell/SessionContext';
import { AuthorLine } from './AuthorLine';
import { MarkingChip } from './MarkingChip';
import { PostEditForm } from './PostEditForm';
import { RaiseLabelForm } from './RaiseLabelForm';
import { ReasonForm } from './ReasonForm';
import { RevisionHistory } from './RevisionHistory';

export function postElementId(postId: string): string {
  return `post-${postId}`;
}

type Panel = 'none' | 'edit' | 'delete' | 'label' | 'history' | 'moderate';

export interface PostArticleProps {
  post: Post;
  thread: Thread;
  /** The post replied to, when it is on this page. */
  replyTarget: Post | undefined;
  onReply: (post: Post) => void;
  onChanged: (post: Post) => void;
  onJumpTo: (postId: string) => void;
}

function PostContent({ post }: { post: Post }) {
  if (post.deleted) {
    return (
      <p className="post__tombstone" data-testid="post-tombstone">
        {post.deletedBy === 'moderator' ? 'This post was deleted by a moderator.' : 'This post was deleted by its author.'}
      </p>
    );
  }
  const hiddenNotice = post.hidden && (
    <p className="post__hidden" data-testid="post-hidden">
      Hidden by a moderator{post.hiddenReason ? `: ${post.hiddenReason}` : '.'}
      {post.html !== '' && <span className="post__hidden-more"> Only moderators and the author see its content.</span>}
    </p>
  );
  return (
    <>
      {hiddenNotice}
      {post.html !== '' && (
        // The server renders Markdown and sanitizes the HTML (allowlist, no scripts, no styles, no
        // images); this is the only HTML the app renders. Titles, tags and names are always text.
        <div className="post__html" dangerouslySetInnerHTML={{ __html: post.html }} data-testid="post-html" />
      )}
    </>
  );
}

/** One post: marking, author, time, reply-to, content, and what the reader may do with it. */
export function PostArticle({ post, thread, replyTarget, onReply, onChanged, onJumpTo }: PostArticleProps) {
  const { api, me } = useSession();
  const moderator = hasRole(me, 'moderator');
  const [panel, setPanel] = useState<Panel>('none');
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const actionsRef = useRef<HTMLDivElement>(null);
  const raised = !sameLabel(post.label, thread.label);

  const close = (focus: string) => {
    setPanel('none');
    setDeleteError(null);
    // Back to the button that opened the panel, so keyboard users keep their place.
    queueMicrotask(() => actionsRef.current?.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus());
  };
  const saved = (updated: Post) => {
    setPanel('none');
    onChanged(updated);
  };
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));

  const confirmDelete = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await api.deletePost(post.id);
      setPanel('none');
      onChanged({
        ...post,
        deleted: true,
        deletedBy: post.author.id === me.id ? 'author' : 'moderator',
        body: '',
        html: '',
        canEdit: false,
        canDelete: false,
      });
    } catch (error) {
      setDeleteError(formProblem(error, []).general);
    } finally {
      setDeleting(false);
    }
  };

  const mayRelabel = !post.deleted && (post.canEdit || moderator);
  return (
    <article
      id={postElementId(post.id)}
      tabIndex={-1}
      className={`post${post.deleted ? ' post--deleted' : ''}${post.hidden ? ' post--hidden' : ''}${raised ? ' post--raised' : ''}`}
      aria-label={`Post by ${post.author.displayName}`}
      data-testid="post"
      data-post-id={post.id}
    >
      <header className="post__header">
        <AuthorLine author={post.author} />
        <RelativeTime at={post.createdAt} className="post__time" />
        {post.editedAt && (
          <span className="post__edited" title={`Edited ${formatAbsolute(post.editedAt)}`} data-testid="post-edited">
            edited
          </span>
        )}
        <MarkingChip item={post} testId="post-marking" />
      </header>
      {post.replyTo && (
        <p className="post__reply-to" data-testid="post-reply-to">
          {replyTarget ? (
            <a
              href={`#${postElementId(post.replyTo)}`}
              onClick={(event) => {
                event.preventDefault();
                onJumpTo(post.replyTo!);
              }}
            >
              In reply to {replyTarget.author.displayName}
            </a>
          ) : (
            <span>In reply to a post on another page</span>
          )}
        </p>
      )}
      <PostContent post={post} />
      <div className="post__actions" ref={actionsRef}>
        {!post.deleted && !thread.locked && (
          <button type="button" className="link-button" onClick={() => onReply(post)} data-testid="post-reply">
            Reply
          </button>
        )}
        {post.canEdit && !post.deleted && (
          <button type="button" className="link-button" aria-expanded={panel === 'edit'} onClick={() => toggle('edit')} data-testid="post-edit">
            Edit
          </button>
        )}
        {mayRelabel && (
          <button type="button" className="link-button" aria-expanded={panel === 'label'} onClick={() => toggle('label')} data-testid="post-raise-label">
            Raise label
          </button>
        )}
        {post.canDelete && !post.deleted && (
          <button type="button" className="link-button link-button--danger" aria-expanded={panel === 'delete'} onClick={() => toggle('delete')} data-testid="post-delete">
            Delete
          </button>
        )}
        <button type="button" className="link-button" aria-expanded={panel === 'history'} onClick={() => toggle('history')} data-testid="post-history">
          History
        </button>
        {moderator && !post.deleted && (
          <button type="button" className="link-button" aria-expanded={panel === 'moderate'} onClick={() => toggle('moderate')} data-testid={post.hidden ? 'post-unhide' : 'post-hide'}>
            {post.hidden ? 'Unhide' : 'Hide'}
          </button>
        )}
      </div>
      {panel === 'edit' && <PostEditForm post={post} onSaved={saved} onCancel={() => close('post-edit')} />}
      {panel === 'label' && <RaiseLabelForm post={post} onSaved={saved} onCancel={() => close('post-raise-label')} />}
      {panel === 'history' && <RevisionHistory post={post} onClose={() => close('post-history')} />}
      {panel === 'moderate' && (
        <ReasonForm
          action={post.hidden ? 'Unhide post' : 'Hide post'}
          onSubmit={async (reason) => saved(await api.moderatePost(post.id, { action: post.hidden ? 'UNHIDE' : 'HIDE', reason }))}
          onCancel={() => close(post.hidden ? 'post-unhide' : 'post-hide')}
        />
      )}
      {panel === 'delete' && (
        <div className="confirm" role="alertdialog" aria-label="Delete this post?" data-testid="post-delete-confirm">
          <p>Delete this post? Readers will see that a post was deleted; its history stays for moderators and auditors.</p>
          {deleteError && (
            <p className="form-problem" role="alert" data-testid="form-problem">
              {deleteError}
            </p>
          )}
          <div className="composer__actions">
            <button
              type="button"
              className="button button--danger button--small"
              disabled={deleting}
              onClick={() => void confirmDelete()}
              data-testid="post-delete-confirm-button"
              autoFocus
            >
              Delete post
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => close('post-delete')}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
