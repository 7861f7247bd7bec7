import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Incident, Label } from '../api/types';
import { MAX_POST_BYTES, utf8Bytes } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, hasProblems, labelProblems, sameLabel } from '../common/labelRules';
import { formatMarking } from '../common/marking';
import { useMentionAutocomplete } from '../forums/useMentionAutocomplete';
import { useSession } from '../shell/SessionContext';
import type { LiveRoom } from './live/liveClient';

export interface ChatComposerProps {
  incident: Incident;
  room: LiveRoom;
}

/**
 * The message box at the foot of a room. Enter (or Ctrl+Enter) sends, Shift+Enter starts a new
 * line, `@name` suggests colleagues. The label is the room's unless a higher one is chosen; the
 * message then reaches only those cleared for it. Sending never waits: the message shows at once
 * as "sending" and the live client follows it up.
 */
export function ChatComposer({ incident, room }: ChatComposerProps) {
  const { me } = useSession();
  const id = useId();
  const [body, setBody] = useState('');
  const [label, setLabel] = useState<Label>(() => defaultLabel(incident.label));
  const [choosingLabel, setChoosingLabel] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const mentions = useMentionAutocomplete({ value: body, onChange: setBody, textareaRef: textarea });

  const send = () => {
    if (body.trim() === '') return;
    if (utf8Bytes(body) > MAX_POST_BYTES) {
      setError('Too long: messages are limited to 64 KiB.');
      return;
    }
    if (hasProblems(labelProblems(label, me, incident.label))) {
      setChoosingLabel(true);
      return;
    }
    room.send(body, sameLabel(label, incident.label) ? null : label);
    setBody('');
    setError(null);
    setLabel(defaultLabel(incident.label));
    setChoosingLabel(false);
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.onKeyDown(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  const raised = !sameLabel(label, incident.label);
  return (
    <form
      className="chat-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      aria-label="Send a message"
      data-testid="chat-composer"
    >
      <p className="chat-composer__label">
        <span>
          Label: <strong className={raised ? 'chat-composer__raised' : undefined} data-testid="composer-marking">{formatMarking(label)}</strong>
          {raised && <span className="muted"> (above the room: only those cleared for it will see this message)</span>}
        </span>
        <button
          type="button"
          className="link-button"
          aria-expanded={choosingLabel}
          onClick={() => setChoosingLabel((v) => !v)}
          data-testid="composer-label-toggle"
        >
          {choosingLabel ? 'Hide label choice' : 'Change label'}
        </button>
      </p>
      {choosingLabel && <LabelPicker value={label} onChange={setLabel} floor={incident.label} legend="Message label" />}
      <div className="chat-composer__row">
        <div className="chat-composer__field">
          <label htmlFor={`${id}-text`} className="visually-hidden">
            Message
          </label>
          <textarea
            id={`${id}-text`}
            ref={mentions.ref}
            className="input chat-composer__text"
            rows={2}
            value={body}
            placeholder={`Message ${incident.title}`}
            onChange={(event) => {
              mentions.trackCaret(event);
              setBody(event.currentTarget.value);
              if (event.currentTarget.value !== '') room.typing();
            }}
            {...mentions.textareaProps}
            onKeyDown={onKeyDown}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            data-testid="composer-body"
          />
          {mentions.popup}
        </div>
        <button type="submit" className="button button--primary" disabled={body.trim() === ''} data-testid="composer-send">
          Send
        </button>
      </div>
      <span id={`${id}-hint`} className="field__hint">
        Enter sends, Shift+Enter starts a new line. Markdown and @username mentions work.
      </span>
      {error && (
        <p id={`${id}-error`} className="field__error" data-testid="composer-error">
          {error}
        </p>
      )}
    </form>
  );
}
