import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Author, Label, Message } from '../api/types';
import { sameLabel } from '../common/labelRules';
import { formatMarking, markingClassName } from '../common/marking';
import { RelativeTime } from '../common/RelativeTime';
import { countryName } from '../profile/countries';
import type { PendingMessage, RoomSnapshot } from './live/liveClient';

/** The element id of a timeline entry: `#seq-17` in an address points at it (search hits, notifications). */
export function seqElementId(seq: number): string {
  return `seq-${seq}`;
}

/** `#seq-17` → 17, or null. */
export function seqFromHash(hash: string): number | null {
  const match = /^#seq-(\d{1,15})$/.exec(hash);
  return match ? Number(match[1]) : null;
}

/** Consecutive messages of one author within this time share one header. */
const GROUP_MS = 5 * 60_000;

function Marking({ label, testId }: { label: Label; testId: string }) {
  const text = formatMarking(label);
  return (
    <span className={`marking marking-chip ${markingClassName(label.classification)}`} aria-label={`Security marking: ${text}`} data-testid={testId}>
      {text}
    </span>
  );
}

function Sender({ author }: { author: Author }) {
  return (
    <span className="chat__sender">
      <span className="chat__name">{author.displayName}</span> <span className="chat__username">@{author.username}</span>{' '}
      <abbr className="chat__country" title={countryName(author.country) ?? author.country}>
        {author.country}
      </abbr>
    </span>
  );
}

function continues(previous: Message | undefined, message: Message): boolean {
  return (
    previous !== undefined &&
    previous.kind === 'MESSAGE' &&
    previous.author.id === message.author.id &&
    sameLabel(previous.label, message.label) &&
    Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_MS
  );
}

function ChatMessage({ message, roomLabel, grouped, target }: { message: Message; roomLabel: Label; grouped: boolean; target: boolean }) {
  const raised = !sameLabel(message.label, roomLabel);
  return (
    <li
      id={seqElementId(message.seq)}
      tabIndex={-1}
      className={`chat${grouped ? ' chat--grouped' : ''}${raised ? ' chat--raised' : ''}${target ? ' timeline-target' : ''}`}
      data-testid="timeline-message"
      data-seq={message.seq}
    >
      {grouped ? (
        <span className="visually-hidden">{message.author.displayName}: </span>
      ) : (
        <div className="chat__header">
          <Sender author={message.author} />
          <RelativeTime at={message.createdAt} className="chat__time" />
        </div>
      )}
      <div className="chat__body">
        {/* Sanitized by the server: the only HTML the app renders. The Markdown source never is. */}
        <div className="chat__html" dangerouslySetInnerHTML={{ __html: message.html }} data-testid="message-html" />
        {raised && <Marking label={message.label} testId="message-marking" />}
      </div>
    </li>
  );
}

function eventText(message: Message): string {
  switch (message.kind) {
    case 'STATUS':
      return `changed the status: ${message.body}`;
    case 'CREATED':
      return 'opened the incident';
    case 'UPDATED':
      return message.body ? `updated the incident: ${message.body}` : 'updated the incident';
    default:
      return message.body;
  }
}

function TimelineEvent({ message, roomLabel, target }: { message: Message; roomLabel: Label; target: boolean }) {
  return (
    <li
      id={seqElementId(message.seq)}
      tabIndex={-1}
      className={`timeline-event timeline-event--${message.kind.toLowerCase()}${target ? ' timeline-target' : ''}`}
      data-testid="timeline-event"
      data-kind={message.kind}
      data-seq={message.seq}
    >
      <span className="timeline-event__icon" aria-hidden="true" />
      <span className="timeline-event__body">
        <span className="timeline-event__text">
          <span className="timeline-event__actor">{message.author.displayName}</span> {eventText(message)}
        </span>{' '}
        <RelativeTime at={message.createdAt} className="timeline-event__time" />{' '}
        {!sameLabel(message.label, roomLabel) && <Marking label={message.label} testId="message-marking" />}
      </span>
    </li>
  );
}

function Pending({ pending, me, roomLabel, onRetry, onDiscard }: { pending: PendingMessage; me: Author; roomLabel: Label; onRetry: () => void; onDiscard: () => void }) {
  return (
    <li className={`chat chat--pending chat--${pending.state}`} data-testid="timeline-pending" data-state={pending.state} data-client-id={pending.clientId}>
      <div className="chat__header">
        <Sender author={me} />
        <span className="chat__time">{pending.state === 'failed' ? 'not sent' : 'sending…'}</span>
      </div>
      <div className="chat__body">
        {/* Not rendered yet by the server: shown as plain text until it comes back as sanitized HTML. */}
        <div className="chat__plain">{pending.body}</div>
        {pending.label && !sameLabel(pending.label, roomLabel) && <Marking label={pending.label} testId="message-marking" />}
      </div>
      {pending.state === 'failed' && (
        <p className="chat__failed" role="alert">
          <span data-testid="pending-error">{pending.error ?? 'Not sent.'}</span>{' '}
          <button type="button" className="link-button" onClick={onRetry} data-testid="pending-retry">
            Retry
          </button>{' '}
          <button type="button" className="link-button link-button--danger" onClick={onDiscard} data-testid="pending-discard">
            Discard
          </button>
        </p>
      )}
    </li>
  );
}

export interface TimelineProps {
  snapshot: RoomSnapshot;
  roomLabel: Label;
  me: Author;
  onLoadEarlier: () => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** The seq an address pointed at, highlighted. */
  target?: number | null;
}

/**
 * The room's timeline, oldest at the top: chat messages (grouped by author), system events,
 * then this browser's own messages still on their way. It stays scrolled to the newest entry
 * while the reader is at the bottom, and keeps its place when earlier entries are loaded.
 */
export function Timeline({ snapshot, roomLabel, me, onLoadEarlier, onRetry, onDiscard, target = null }: TimelineProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ first: number | undefined; height: number; pending: number }>({ first: undefined, height: 0, pending: 0 });
  const [unseen, setUnseen] = useState(0);
  const { entries, pending } = snapshot;
  // "just now" becomes "5 minutes ago" while the room stays open.
  const [, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const first = entries[0]?.seq;
  const count = entries.length + pending.length;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = previous.current;
    if (before.first !== undefined && first !== undefined && first < before.first) {
      // Earlier entries went in above: keep what the reader was looking at where it was.
      element.scrollTop += element.scrollHeight - before.height;
    } else if (atBottom.current || pending.length > before.pending) {
      // At the bottom, or the reader just sent something: follow the conversation.
      element.scrollTop = element.scrollHeight;
      atBottom.current = true;
    } else {
      setUnseen((n) => n + 1);
    }
    previous.current = { first, height: element.scrollHeight, pending: pending.length };
  }, [first, count, pending.length]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
    if (atBottom.current) setUnseen(0);
  };

  const toBottom = () => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setUnseen(0);
  };

  return (
    <div className="timeline-frame">
      <div className="timeline" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Timeline" data-testid="timeline">
        {snapshot.hasEarlier && (
          <div className="timeline__earlier">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onLoadEarlier}
              disabled={snapshot.loadingEarlier}
              data-testid="load-earlier"
            >
              {snapshot.loadingEarlier ? 'Loading…' : 'Load earlier messages'}
            </button>
          </div>
        )}
        {count === 0 ? (
          <p className="timeline__empty" data-testid="timeline-empty">
            No messages yet — start the conversation.
          </p>
        ) : (
          <ol className="timeline__list">
            {entries.map((message, index) =>
              message.kind === 'MESSAGE' ? (
                <ChatMessage key={message.seq} message={message} roomLabel={roomLabel} grouped={continues(entries[index - 1], message)} target={message.seq === target} />
              ) : (
                <TimelineEvent key={message.seq} message={message} roomLabel={roomLabel} target={message.seq === target} />
              ),
            )}
            {pending.map((p) => (
              <Pending key={p.clientId} pending={p} me={me} roomLabel={roomLabel} onRetry={() => onRetry(p.clientId)} onDiscard={() => onDiscard(p.clientId)} />
            ))}
          </ol>
        )}
      </div>
      {unseen > 0 && (
        <button type="button" className="timeline__unseen button button--primary button--small" onClick={toBottom} data-testid="timeline-unseen">
          New messages below
        </button>
      )}
    </div>
  );
}
