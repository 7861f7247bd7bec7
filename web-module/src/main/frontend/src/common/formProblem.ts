/**
 * Where a refused write is shown: 400 field errors next to their fields, everything else (409
 * conflict, 413 too large, 429 slow down, 404 gone, network down) as one message next to the
 * form. The form keeps what was typed in every case.
 */
import { ApiError } from '../api/problem';
import { SessionExpiredError } from '../auth/session';

export interface FormProblem {
  /** Field name (as the server names it, e.g. `title`, `label.classification`) → message. */
  fields: Record<string, string>;
  /** One message for the whole form, or null when every problem sits at a field. */
  general: string | null;
}

export const NO_PROBLEM: FormProblem = { fields: {}, general: null };

function generalMessage(error: ApiError): string {
  const detail = error.problem.detail;
  switch (error.status) {
    case 409:
      return detail
        ? `This cannot be done now: ${detail}`
        : 'This cannot be done now: it conflicts with the current state (e.g. locked, archived, deleted, or a lower label).';
    case 413:
      return 'This is too large to send (posts are limited to 64 KiB). Shorten it and try again; your text is kept.';
    case 429:
      return error.retryAfterSeconds !== undefined
        ? `You are writing faster than the platform allows. Try again in ${error.retryAfterSeconds} s; your text is kept.`
        : 'You are writing faster than the platform allows. Wait a moment and try again; your text is kept.';
    case 404:
      return 'What you are writing to is not found or not available to you any more.';
    default:
      return error.message;
  }
}

/**
 * Splits an error into field messages and a general one. Field errors for fields the form does not
 * show are folded into the general message, so no refusal goes unseen.
 */
export function formProblem(error: unknown, shownFields: readonly string[]): FormProblem {
  if (error instanceof SessionExpiredError) return { fields: {}, general: error.message };
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: error instanceof Error && error.message ? error.message : 'Something went wrong.' };
  }
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field, message } of error.problem.errors ?? []) {
    // `tags[2]` belongs to the tags field; `label.classification` to itself when shown.
    const key = shownFields.includes(field)
      ? field
      : shownFields.find((shown) => field.startsWith(`${shown}[`) || field.startsWith(`${shown}.`));
    if (key && fields[key] === undefined) fields[key] = message;
    else if (key) fields[key] += ` ${message}`;
    else unplaced.push(field ? `${field}: ${message}` : message);
  }
  if (error.status === 400 && Object.keys(fields).length > 0 && unplaced.length === 0) {
    return { fields, general: null };
  }
  let general = generalMessage(error);
  if (error.status === 400 && unplaced.length > 0) {
    general = `${error.problem.title}: ${unplaced.join('; ')}`;
  }
  return { fields, general };
}

/** UTF-8 size of a text, as the server counts the 64 KiB post limit. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export const MAX_POST_BYTES = 64 * 1024;
