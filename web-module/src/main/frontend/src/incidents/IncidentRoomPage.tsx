import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../api/problem';
import type { Author, Incident, Member } from '../api/types';
import { pageLabel } from '../common/labelRules';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { PromoteToArticle } from '../knowledge/PromoteToArticle';
import { useSession } from '../shell/SessionContext';
import { ChatComposer } from './ChatComposer';
import { ConnectionStatus } from './ConnectionStatus';
import { useConnectionState, useLiveClient, useRoomSnapshot } from './live/LiveContext';
import type { LiveRoom } from './live/liveClient';
import { MembersPanel } from './MembersPanel';
import { RoomHeader } from './RoomHeader';
import { seqElementId, seqFromHash, Timeline } from './Timeline';
import { postingBlockedReason } from './transitions';

/** How many of the newest entries a room opens with; "Load earlier" brings more. */
export const INITIAL_MESSAGES = 50;

const BACK_TO_LIST = { path: '/incidents', label: 'Go to the incidents' };

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function typingText(people: readonly Author[]): string {
  if (people.length === 0) return '';
  if (people.length === 1) return `${people[0]!.displayName} is typing…`;
  if (people.length === 2) return `${people[0]!.displayName} and ${people[1]!.displayName} are typing…`;
  return 'Several people are typing…';
}

function RoomView({ initial }: { initial: Incident }) {
  const { api, me } = useSession();
  const client = useLiveClient();
  const id = initial.id;
  const [incident, setIncident] = useState(initial);
  usePageTitle(incident.title);
  const [gone, setGone] = useState(false);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [room, setRoom] = useState<LiveRoom | null>(null);
  const [timelineError, setTimelineError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [promoting, setPromoting] = useState(false);
  const connection = useConnectionState(client);
  const snapshot = useRoomSnapshot(room);

  const refreshIncident = useCallback(async () => {
    try {
      setIncident(await api.getIncident(id));
    } catch (error) {
      if (isNotFound(error)) setGone(true);
    }
  }, [api, id]);

  const refreshMembers = useCallback(async () => {
    try {
      setMembers((await api.listMembers(id)).items);
    } catch (error) {
      if (isNotFound(error)) setGone(true);
    }
  }, [api, id]);

  useEffect(() => {
    void refreshMembers();
  }, [refreshMembers]);

  // The newest entries over REST, then the live room takes over from there.
  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    let opened: LiveRoom | null = null;
    setTimelineError(null);
    api.listMessages(id, { limit: INITIAL_MESSAGES }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        opened = client.openRoom(id, page);
        setRoom(opened);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isNotFound(error)) setGone(true);
        else setTimelineError(error);
      },
    );
    return () => {
      controller.abort();
      opened?.close();
    };
  }, [api, client, id, attempt]);

  // A status change, a membership change or an edit arrived live: what the caller may do may have
  // changed with it (role, canPost, canManage), so the incident and its members are read again.
  const eventCount = snapshot?.eventCount ?? 0;
  const liveStatus = snapshot?.status ?? null;
  useEffect(() => {
    if (liveStatus !== null) setIncident((current) => (current.status === liveStatus ? current : { ...current, status: liveStatus }));
  }, [liveStatus]);
  useEffect(() => {
    if (eventCount === 0 && liveStatus === null) return;
    void refreshIncident();
    void refreshMembers();
  }, [eventCount, liveStatus, refreshIncident, refreshMembers]);

  // `#seq-N` (from a search hit or a notification): earlier pages are loaded until the entry is
  // there, then it is focused; an entry the reader may not see is "not available", like a post.
  const { hash } = useLocation();
  const targetSeq = seqFromHash(hash);
  const reached = useRef<number | null>(null);
  const [targetMissing, setTargetMissing] = useState(false);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  useEffect(() => {
    if (!room || !snapshot || targetSeq === null || reached.current === targetSeq) return;
    const element = document.getElementById(seqElementId(targetSeq));
    if (element) {
      reached.current = targetSeq;
      setTargetMissing(false);
      setHighlighted(targetSeq);
      element.focus();
      element.scrollIntoView?.({ block: 'center' });
      return;
    }
    const first = snapshot.entries[0]?.seq;
    if (snapshot.hasEarlier && (first === undefined || first > targetSeq)) {
      if (!snapshot.loadingEarlier && !snapshot.notice) void room.loadEarlier();
      return;
    }
    reached.current = targetSeq;
    setTargetMissing(true);
  }, [room, snapshot, targetSeq]);

  const entries = snapshot?.entries;
  const pending = snapshot?.pending;
  const bannerLabel = useMemo(
    () =>
      pageLabel([
        incident.label,
        ...(entries ?? []).map((m) => m.label),
        ...(pending ?? []).flatMap((p) => (p.label ? [p.label] : [])),
      ]),
    [incident.label, entries, pending],
  );

  if (gone || snapshot?.gone) return <NotAvailable backTo={BACK_TO_LIST} />;

  const lastLive = snapshot?.lastLive;
  const announcement =
    lastLive && lastLive.kind === 'MESSAGE' && lastLive.author.id !== me.id
      ? `New message from ${lastLive.author.displayName}: ${lastLive.body.slice(0, 140)}`
      : '';
  const blocked = postingBlockedReason(incident);
  const changed = () => {
    void refreshMembers();
    void refreshIncident();
  };

  let timeline;
  if (timelineError) {
    timeline = <LoadError title="The timeline could not be loaded" error={timelineError} onRetry={() => setAttempt((n) => n + 1)} />;
  } else if (!room || !snapshot) {
    timeline = <LoadingState message="Loading the timeline…" />;
  } else {
    timeline = (
      <Timeline
        snapshot={snapshot}
        roomLabel={incident.label}
        me={me}
        onLoadEarlier={() => void room.loadEarlier()}
        onRetry={(clientId) => room.retry(clientId)}
        onDiscard={(clientId) => room.discard(clientId)}
        target={highlighted}
      />
    );
  }

  return (
    <section className="page page--wide incident-room" aria-labelledby="page-heading" data-testid="incident-room">
      <MarkingBanner label={bannerLabel} />
      <RoomHeader
        incident={incident}
        onChanged={setIncident}
        connection={<ConnectionStatus state={connection} onReconnect={() => client?.reconnectNow()} />}
        onPromote={() => setPromoting((open) => !open)}
        promoting={promoting}
      />
      {promoting && <PromoteToArticle incident={incident} entries={entries ?? []} onCancel={() => setPromoting(false)} />}
      <div className="room">
        <div className="room__main">
          {targetMissing && (
            <p className="notice room__notice" data-testid="seq-target-missing">
              The message you followed is not found or not available to you.
            </p>
          )}
          {snapshot?.notice && (
            <p className="notice room__notice" role="status" data-testid="room-notice">
              {snapshot.notice}
            </p>
          )}
          {timeline}
          <p className="typing" data-testid="typing">
            {typingText(snapshot?.typing ?? [])}
          </p>
          <p className="visually-hidden" aria-live="polite" data-testid="live-announcement">
            {announcement}
          </p>
          {blocked ? (
            <p className="composer-blocked" data-testid="composer-blocked">
              {blocked}
            </p>
          ) : (
            room && <ChatComposer key={incident.marking} incident={incident} room={room} />
          )}
        </div>
        <aside className="room__side" aria-label="People">
          <MembersPanel
            incident={incident}
            members={members}
            online={snapshot?.online ?? null}
            onChanged={changed}
            onJoin={async () => {
              await api.joinIncident(id);
              changed();
            }}
          />
        </aside>
      </div>
      <MarkingBanner label={bannerLabel} position="bottom" />
    </section>
  );
}

/** `/incidents/:incidentId`: the incident room. */
export function IncidentRoomPage() {
  const { api } = useSession();
  const { incidentId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.getIncident(incidentId, signal), [api, incidentId]);
  const { state, reload } = useLoad(load);

  if (state.status === 'failed') {
    if (isNotFound(state.error)) return <NotAvailable backTo={BACK_TO_LIST} />;
    return (
      <section className="page">
        <LoadError title="The incident could not be loaded" error={state.error} onRetry={reload} />
      </section>
    );
  }
  if (state.data === undefined || state.data.id !== incidentId) return <LoadingState message="Loading the incident…" />;
  return <RoomView key={state.data.id} initial={state.data} />;
}
