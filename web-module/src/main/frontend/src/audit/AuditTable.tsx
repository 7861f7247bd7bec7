import { useId } from 'react';
import type { AuditEntry } from '../api/types';
import { formatLocalTime, formatUtc, shortHash } from './format';

export const DENIED = 'DENIED';

function Outcome({ outcome }: { outcome: string }) {
  const denied = outcome === DENIED;
  return (
    <span className={`outcome ${denied ? 'outcome--denied' : 'outcome--other'}`} data-testid="audit-outcome">
      {denied && <span className="outcome__marker" aria-hidden="true" />}
      {outcome}
    </span>
  );
}

function Entry({ entry }: { entry: AuditEntry }) {
  const denied = entry.outcome === DENIED;
  return (
    <tr className={denied ? 'audit-row audit-row--denied' : 'audit-row'} data-testid="audit-row">
      <th scope="row" className="audit-table__seq">
        {entry.seq}
      </th>
      <td>
        <time dateTime={entry.at} title={formatUtc(entry.at)} data-testid="audit-time">
          {formatLocalTime(entry.at)}
        </time>
      </td>
      <td>{entry.actor ?? <span className="muted">system or anonymous</span>}</td>
      <td>
        <code className="audit-table__action">{entry.action}</code>
      </td>
      <td>
        <span className="audit-table__object-type">{entry.objectType ?? '—'}</span>
        {entry.objectId && (
          <>
            {' '}
            <code className="audit-table__object-id">{entry.objectId}</code>
          </>
        )}
      </td>
      <td>
        <Outcome outcome={entry.outcome} />
      </td>
      <td>
        <code className="audit-table__hash" title={entry.hash} data-testid="audit-hash">
          {shortHash(entry.hash)}
        </code>
      </td>
    </tr>
  );
}

export interface AuditTableProps {
  items: readonly AuditEntry[];
  /** E.g. "Audit entries 21–40 of 135". */
  caption: string;
  /** A newer page or filter is being loaded; the rows shown are the previous ones. */
  busy: boolean;
}

/** One page of the audit trail. Wide content scrolls inside a focusable region. */
export function AuditTable({ items, caption, busy }: AuditTableProps) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table audit-table" aria-busy={busy} data-testid="audit-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Outcome</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <Entry key={entry.seq} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
