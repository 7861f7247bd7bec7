import { useState } from 'react';
import type { Thread, ThreadModerationAction } from '../api/types';
import { useSession } from '../shell/SessionContext';
import { ReasonForm } from './ReasonForm';

const LABELS: Record<ThreadModerationAction, string> = {
  PIN: 'Pin thread',
  UNPIN: 'Unpin thread',
  LOCK: 'Lock thread',
  UNLOCK: 'Unlock thread',
  HIDE: 'Hide thread',
  UNHIDE: 'Unhide thread',
};

/** Moderator tools of a thread: pin, lock and hide (and back), each with a reason. */
export function ThreadModeration({ thread, onChanged }: { thread: Thread; onChanged: (thread: Thread) => void }) {
  const { api } = useSession();
  const [action, setAction] = useState<ThreadModerationAction | null>(null);
  const actions: ThreadModerationAction[] = [
    thread.pinned ? 'UNPIN' : 'PIN',
    thread.locked ? 'UNLOCK' : 'LOCK',
    thread.hidden ? 'UNHIDE' : 'HIDE',
  ];
  return (
    <div className="moderation" role="group" aria-label="Moderation" data-testid="thread-moderation">
      <div className="moderation__buttons">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className="button button--secondary button--small"
            aria-pressed={action === a}
            onClick={() => setAction(action === a ? null : a)}
            data-testid={`thread-${a.toLowerCase()}`}
          >
            {LABELS[a]}
          </button>
        ))}
      </div>
      {action && (
        <ReasonForm
          key={action}
          action={LABELS[action]}
          onSubmit={async (reason) => {
            const updated = await api.moderateThread(thread.id, { action, reason });
            setAction(null);
            onChanged(updated);
          }}
          onCancel={() => setAction(null)}
        />
      )}
    </div>
  );
}
