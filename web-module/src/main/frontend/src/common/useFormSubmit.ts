import { useCallback, useRef, useState } from 'react';
import { formProblem, NO_PROBLEM, type FormProblem } from './formProblem';

export interface FormSubmit {
  problem: FormProblem;
  setProblem: (problem: FormProblem) => void;
  busy: boolean;
  /**
   * Checks the form, then runs the write. `validate` returns the problems found in the browser,
   * by field; any object, even an empty one (e.g. a label the picker already flags), stops the
   * submission; null lets it go. A refusal from the server is split by {@link formProblem} into
   * field and general messages. What was typed is never touched here.
   */
  submit: (validate: () => Record<string, string> | null, write: () => Promise<void>) => Promise<void>;
}

/**
 * The submission state every form shares: the problem shown, "busy" while the write runs, and
 * no second submission while one is under way (a double Enter must not create two items).
 * `fields` are the server's field names the form shows next to its inputs.
 */
export function useFormSubmit(fields: readonly string[]): FormSubmit {
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;

  const submit = useCallback(async (validate: () => Record<string, string> | null, write: () => Promise<void>) => {
    if (busyRef.current) return;
    const local = validate();
    if (local !== null) {
      setProblem({ fields: local, general: null });
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      await write();
    } catch (error) {
      setProblem(formProblem(error, fieldsRef.current));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  return { problem, setProblem, busy, submit };
}
