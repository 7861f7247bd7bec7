import { useState, type FormEvent } from 'react';
import type { Label, Post } from '../api/types';
import { formProblem, NO_PROBLEM, type FormProblem } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, hasProblems, labelProblems, sameLabel } from '../common/labelRules';
import { useSession } from '../shell/SessionContext';

/**
 * Raises a post's label (W3: never lowered). The picker's floor is the current label, so it
 * offers only labels that dominate it. Raising may hide the post from readers who can see it now.
 */
export function RaiseLabelForm({ post, onSaved, onCancel }: { post: Post; onSaved: (post: Post) => void; onCancel: () => void }) {
  const { api, me } = useSession();
  const [label, setLabel] = useState<Label>(() => defaultLabel(post.label));
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const unchanged = sameLabel(label, post.label);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || unchanged || hasProblems(labelProblems(label, me, post.label))) return;
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      onSaved(await api.editPost(post.id, { label }));
    } catch (error) {
      setProblem(formProblem(error, ['label.classification', 'label.releasableTo']));
      setBusy(false);
    }
  };

  return (
    <form className="raise-label" onSubmit={(e) => void submit(e)} aria-label="Raise label" data-testid="raise-label-form">
      <LabelPicker
        value={label}
        onChange={setLabel}
        floor={post.label}
        legend="New label (only a higher or narrower one)"
        errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
      />
      <p className="field__hint">Readers who may not read the new label will no longer see this post. A label cannot be lowered again.</p>
      {problem.general && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem.general}
        </p>
      )}
      <div className="composer__actions">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={busy}
          aria-disabled={unchanged || undefined}
          data-testid="raise-label-save"
        >
          Raise label
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
