import type { IncidentStatus, Severity } from '../api/types';

const STATUS_TEXT: Readonly<Record<IncidentStatus, string>> = {
  OPEN: 'Open',
  CONTAINED: 'Contained',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};

const SEVERITY_TEXT: Readonly<Record<Severity, string>> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
};

export function statusText(status: string): string {
  return STATUS_TEXT[status as IncidentStatus] ?? status;
}

export function severityText(severity: string): string {
  return SEVERITY_TEXT[severity as Severity] ?? severity;
}

/** "Severity: High", coloured by severity; the word carries the meaning, not the colour. */
export function SeverityBadge({ severity }: { severity: Severity | string }) {
  return (
    <span className={`badge severity severity--${severity.toLowerCase()}`} data-testid="severity-badge">
      <span className="visually-hidden">Severity: </span>
      {severityText(severity)}
    </span>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus | string }) {
  return (
    <span className={`badge incident-status incident-status--${status.toLowerCase()}`} data-testid="status-badge">
      <span className="visually-hidden">Status: </span>
      {statusText(status)}
    </span>
  );
}
