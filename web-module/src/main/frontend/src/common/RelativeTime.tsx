import { formatAbsolute, formatRelative } from './time';

export interface RelativeTimeProps {
  /** ISO-8601 instant. */
  at: string;
  className?: string;
  testId?: string;
}

/** "3 hours ago", with the exact time in the title (and in `datetime` for machines). */
export function RelativeTime({ at, className, testId }: RelativeTimeProps) {
  return (
    <time dateTime={at} title={formatAbsolute(at)} className={className} data-testid={testId}>
      {formatRelative(at)}
    </time>
  );
}
