import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Incident, IncidentStatus } from '../api/types';
import { formProblem } from '../common/formProblem';
import { RelativeTime } from '../common/RelativeTime';
import { FormProblemMessage } from '../common/TextField';
import { AuthorLine } from '../forums/AuthorLine';
import { MarkingChip } from '../forums/MarkingChip';
import { mayPromote } from '../knowledge/PromoteToArticle';
import { useSession } from '../shell/SessionContext';
import { SeverityBadge, StatusBadge } from './IncidentBadges';
import { allowedMoves, type StatusMove } from './transitions';

export interface RoomHeaderProps {
  incident: Incident;
  onChanged: (incident: Incident) => void;
  /** Shown next to the title: the connection state of the room. */
  connection: ReactNode;
  /** Opens "Promote to article"; offered only for RESOLVED and CLOSED incidents. */
  onPromote?: (() => void) | undefined;
  promoting?: boolean;
}

/** Title, severity, status, marking and, for those who manage the incident, the status moves. */
export function RoomHeader({ incident, onChanged, connection, onPromote, promoting = false }: RoomHeaderProps) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState<StatusMove | null>(null);
  const [busy, setBusy] = useState<IncidentStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const moves = allowedMoves(incident);

  const move = async (to: IncidentStatus) => {
    setBusy(to);
    setProblem(null);
    try {
      onChanged(await api.updateIncident(incident.id, { status: to }));
      setConfirming(null);
    } catch (error) {
      setProblem(formProblem(error, []).general);
    } finally {
      setBusy(null);
    }
  };

  return (
    <header className="room-header">
      <p className="breadcrumbs">
        <Link to="/incidents">Incidents</Link> ›
      </p>
      <div className="room-header__top">
        <h1 id="page-heading" className="room-header__title">
          {incident.title}
        </h1>
        {connection}
      </div>
      <p className="room-header__meta">
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
        <MarkingChip item={incident} testId="incident-marking" />
        <span className="badge">{incident.access === 'CLEARED' ? 'Open to everyone cleared' : 'Members only'}</span>
        <span className="room-header__by">
          Opened by <AuthorLine author={incident.createdBy} /> <RelativeTime at={incident.createdAt} />
        </span>
      </p>
      {incident.summary && <p className="room-header__summary" data-testid="incident-summary-text">{incident.summary}</p>}
      {onPromote && mayPromote(incident) && (
        <p className="room-header__promote">
          <button type="button" className="button button--secondary button--small" aria-expanded={promoting} onClick={onPromote} data-testid="promote-button">
            Promote to article
          </button>
        </p>
      )}
      {moves.length > 0 && (
        <div className="room-header__moves" role="group" aria-label="Change the status">
          {moves.map((m) => (
            <button
              key={m.to}
              type="button"
              className={`button button--small ${m.to === 'CLOSED' ? 'button--danger' : 'button--secondary'}`}
              disabled={busy !== null}
              aria-expanded={m.confirm ? confirming === m : undefined}
              onClick={() => (m.confirm ? setConfirming(confirming === m ? null : m) : void move(m.to))}
              data-testid={`status-move-${m.to}`}
            >
              {busy === m.to ? 'Saving…' : m.label}
            </button>
          ))}
        </div>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={confirming.label} data-testid="status-confirm">
          <p>{confirming.confirm}</p>
          <div className="composer__actions">
            <button
              type="button"
              className="button button--danger button--small"
              disabled={busy !== null}
              onClick={() => void move(confirming.to)}
              data-testid="status-confirm-yes"
              autoFocus
            >
              {confirming.label}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormProblemMessage message={problem} />
    </header>
  );
}
