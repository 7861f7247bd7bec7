import { useId, useState, type FormEvent } from 'react';
import type { Forum, ForumPatch, Label } from '../api/types';
import { formProblem, NO_PROBLEM, type FormProblem } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, hasProblems, labelProblems, sameLabel } from '../common/labelRules';
import { useSession } from '../shell/SessionContext';

const FIELDS = ['name', 'description', 'label.classification', 'label.releasableTo'] as const;

export interface ForumSettingsProps {
  forum: Forum;
  /** The forum as the server answered a change. */
  onSaved: (forum: Forum) => void;
  onClose: () => void;
}

/** Only what differs from the forum is sent; the label only when it is raised. */
export function forumPatch(forum: Forum, name: string, description: string, label: Label): ForumPatch {
  const patch: ForumPatch = {};
  if (name.trim() !== forum.name) patch.name = name.trim();
  if (description.trim() !== forum.description) patch.description = description.trim();
  if (!sameLabel(label, forum.label)) patch.label = label;
  return patch;
}

/**
 * "Archive forum" / "Unarchive forum", each after a confirmation. An archived forum is read-only:
 * no new threads and no new posts.
 */
function ArchiveControl({ forum, onSaved }: { forum: Forum; onSaved: (forum: Forum) => void }) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const archive = !forum.archived;
  const verb = archive ? 'Archive' : 'Unarchive';

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const updated = await api.updateForum(forum.id, { archived: archive });
      setConfirming(false);
      onSaved(updated);
    } catch (error) {
      setProblem(formProblem(error, []).general);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="forum-settings__archive">
      <h3 className="forum-settings__subheading">{archive ? 'Archive' : 'Archived'}</h3>
      <p className="field__hint">
        {archive
          ? 'An archived forum stays readable but becomes read-only: no new threads or posts. It is listed only under “Show archived forums”.'
          : 'This forum is archived (read-only). Unarchiving lets members start threads and post again.'}
      </p>
      {!confirming ? (
        <button
          type="button"
          className={`button button--small ${archive ? 'button--danger' : 'button--secondary'}`}
          onClick={() => setConfirming(true)}
          data-testid={archive ? 'forum-archive-button' : 'forum-unarchive-button'}
        >
          {verb} forum
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-label={`${verb} this forum?`} data-testid="forum-archive-confirm">
          <p>
            {archive
              ? `Archive “${forum.name}”? Nobody can start threads or post in it until it is unarchived.`
              : `Unarchive “${forum.name}”? Members can start threads and post in it again.`}
          </p>
          {problem && (
            <p className="form-problem" role="alert" data-testid="forum-archive-problem">
              {problem}
            </p>
          )}
          <div className="composer__actions">
            <button
              type="button"
              className={`button button--small ${archive ? 'button--danger' : 'button--primary'}`}
              disabled={busy}
              onClick={() => void confirm()}
              data-testid="forum-archive-confirm-button"
              autoFocus
            >
              {verb} forum
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                setConfirming(false);
                setProblem(null);
              }}
              data-testid="forum-archive-cancel"
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/**
 * "Forum settings" for moderators: rename, describe, raise the label (W3: the picker's floor is
 * the current label, so it never offers a lower one) and archive or unarchive. A refusal keeps
 * what was typed; the server decides again on every change.
 */
export function ForumSettings({ forum, onSaved, onClose }: ForumSettingsProps) {
  const { api, me } = useSession();
  const id = useId();
  const [name, setName] = useState(forum.name);
  const [description, setDescription] = useState(forum.description);
  const [label, setLabel] = useState<Label>(() => defaultLabel(forum.label));
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const raising = !sameLabel(label, forum.label);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (name.trim() === '') fields.name = 'Give the forum a name.';
    else if (name.trim().length > 100) fields.name = 'At most 100 characters.';
    if (description.trim().length > 2000) fields.description = 'At most 2,000 characters.';
    if (Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, forum.label))) {
      setProblem({ fields, general: null });
      return;
    }
    const patch = forumPatch(forum, name, description, label);
    if (Object.keys(patch).length === 0) {
      setProblem({ fields: {}, general: 'Nothing has changed.' });
      return;
    }
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      onSaved(await api.updateForum(forum.id, patch));
    } catch (error) {
      setProblem(formProblem(error, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="composer forum-settings" aria-labelledby={`${id}-heading`} data-testid="forum-settings">
      <h2 id={`${id}-heading`} className="composer__heading">
        Forum settings
      </h2>
      <form onSubmit={(e) => void submit(e)} aria-label="Name, description and label" data-testid="forum-settings-form">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            aria-invalid={problem.fields.name ? true : undefined}
            aria-describedby={problem.fields.name ? `${id}-name-error` : undefined}
            data-testid="forum-settings-name"
          />
          {problem.fields.name && (
            <p id={`${id}-name-error`} className="field__error" data-testid="forum-settings-name-error">
              {problem.fields.name}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            className="input"
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            aria-invalid={problem.fields.description ? true : undefined}
            aria-describedby={problem.fields.description ? `${id}-description-error` : undefined}
            data-testid="forum-settings-description"
          />
          {problem.fields.description && (
            <p id={`${id}-description-error`} className="field__error" data-testid="forum-settings-description-error">
              {problem.fields.description}
            </p>
          )}
        </div>
        <LabelPicker
          value={label}
          onChange={setLabel}
          floor={forum.label}
          legend="Forum label (may only be raised)"
          errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
        />
        {raising && (
          <p className="field__hint" data-testid="forum-settings-raise-note">
            Raising the label hides the whole forum from readers who may not read the new label. It cannot be lowered again.
          </p>
        )}
        {problem.general && (
          <p className="form-problem" role="alert" data-testid="form-problem">
            {problem.general}
          </p>
        )}
        <div className="composer__actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="forum-settings-save">
            {busy ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose} data-testid="forum-settings-close">
            Close
          </button>
        </div>
      </form>
      <ArchiveControl forum={forum} onSaved={onSaved} />
    </section>
  );
}
