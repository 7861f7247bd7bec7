import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { promoteIncident } from '../api/articlesClient';
import type { Incident, Message } from '../api/types';
import { formProblem } from '../common/formProblem';
import { formatMarking } from '../common/marking';
import { RelativeTime } from '../common/RelativeTime';
import { FormProblemMessage, TextField } from '../common/TextField';
import { useSession } from '../shell/SessionContext';
import { articlePath } from './ArticleBadges';
import { MAX_TITLE } from './articleRules';
import './knowledge.css';

/** The server quotes at most this many messages. */
export const MAX_PROMOTED_MESSAGES = 200;

/** Incidents whose lessons may be promoted (the server answers 409 for the others). */
export function mayPromote(incident: Pick<Incident, 'status'>): boolean {
  return incident.status === 'RESOLVED' || incident.status === 'CLOSED';
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

export interface PromoteToArticleProps {
  incident: Incident;
  /** The timeline as loaded in the room; its chat messages may be quoted. */
  entries: readonly Message[];
  onCancel: () => void;
}

/**
 * "Promote to article": pick the messages worth keeping from the loaded timeline, optionally a
 * title, and the server writes a draft (summary, timeline of events, the quoted messages with
 * author, time and marking) under a label dominating all of them. The editor opens on the draft.
 */
export function PromoteToArticle({ incident, entries, onCancel }: PromoteToArticleProps) {
  const { api } = useSession();
  const navigate = useNavigate();
  const id = useId();
  const messages = entries.filter((m) => m.kind === 'MESSAGE');
  const [picked, setPicked] = useState<Set<number>>(() => new Set());
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ fields: Record<string, string>; general: string | null }>({ fields: {}, general: null });

  const toggle = (seq: number) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (picked.size > MAX_PROMOTED_MESSAGES) {
      setProblem({ fields: {}, general: `At most ${MAX_PROMOTED_MESSAGES} messages can be quoted.` });
      return;
    }
    if (title.trim().length > MAX_TITLE) {
      setProblem({ fields: { title: `At most ${MAX_TITLE} characters.` }, general: null });
      return;
    }
    setBusy(true);
    setProblem({ fields: {}, general: null });
    try {
      const seqs = [...picked].sort((a, b) => a - b);
      const article = await promoteIncident(api, incident.id, { ...(title.trim() ? { title: title.trim() } : {}), messages: seqs });
      navigate(articlePath(article.id, '/edit'));
    } catch (error) {
      setProblem(formProblem(error, ['title']));
      setBusy(false);
    }
  };

  return (
    <form className="dialog promote" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`} data-testid="promote-form">
      <div className="dialog__header">
        <h2 id={`${id}-heading`}>Promote to a knowledge-base article</h2>
      </div>
      <p>
        A draft is written from the incident's summary and timeline, quoting the messages you tick below with their author, time and marking. Its label is at
        least the incident's and every quoted message's. You can edit it before submitting it for review.
      </p>
      <TextField
        label="Title (optional)"
        value={title}
        onChange={setTitle}
        maxLength={MAX_TITLE}
        error={problem.fields.title}
        placeholder={`Lessons from: ${incident.title}`}
        testId="promote-title"
        autoFocus
      />
      <fieldset className="promote__messages">
        <legend>
          Messages to quote ({picked.size} of {messages.length} ticked)
        </legend>
        {messages.length === 0 ? (
          <p className="muted" data-testid="promote-no-messages">
            No chat messages are loaded. The draft will hold the summary and the timeline of events.
          </p>
        ) : (
          <>
            <div className="promote__bulk">
              <button type="button" className="link-button" onClick={() => setPicked(new Set(messages.map((m) => m.seq)))} data-testid="promote-all">
                Tick all
              </button>{' '}
              <button type="button" className="link-button" onClick={() => setPicked(new Set())} data-testid="promote-none">
                Tick none
              </button>
              <span className="field__hint"> Only the loaded part of the timeline is listed: load earlier messages in the room to quote them.</span>
            </div>
            <ul className="promote__list">
              {messages.map((m) => (
                <li key={m.seq} className="promote__item">
                  <label className="promote__label">
                    <input type="checkbox" checked={picked.has(m.seq)} onChange={() => toggle(m.seq)} data-testid={`promote-pick-${m.seq}`} />
                    <span>
                      <span className="promote__who">
                        {m.author.displayName} · <RelativeTime at={m.createdAt} /> · <span className="promote__marking">{formatMarking(m.label)}</span>
                      </span>
                      <span className="promote__text">{excerpt(m.body)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      <FormProblemMessage message={problem.general} />
      <div className="composer__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="promote-submit">
          {busy ? 'Writing the draft…' : 'Create draft'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid="promote-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
