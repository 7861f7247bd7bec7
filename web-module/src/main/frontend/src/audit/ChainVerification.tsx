import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import type { AuditVerification } from '../api/types';
import { errorMessage } from '../common/LoadError';
import { useSession } from '../shell/SessionContext';
import { entries, formatCount } from './format';

type VerifyState =
  | { status: 'idle' }
  | { status: 'verifying' }
  | { status: 'done'; result: AuditVerification; checkedAt: Date }
  | { status: 'failed'; error: unknown };

interface Outcome {
  tone: 'success' | 'danger';
  headline: string;
  detail: string;
}

function describe(state: VerifyState): Outcome | undefined {
  if (state.status === 'done') {
    const { ok, entries: count, firstBrokenSeq } = state.result;
    const checked = `Checked at ${state.checkedAt.toLocaleTimeString()}.`;
    if (ok) {
      return {
        tone: 'success',
        headline: `Chain intact: ${entries(count)} verified`,
        detail: `${checked} No entry has been changed, removed or inserted.`,
      };
    }
    return {
      tone: 'danger',
      headline: firstBrokenSeq === null ? 'Chain broken' : `Chain broken at entry #${formatCount(firstBrokenSeq)}`,
      detail:
        `${checked} ${entries(count)} checked. ` +
        'The trail from that entry on can no longer be trusted: an entry was changed, removed or inserted ' +
        'outside the application. Report this to the platform security officer.',
    };
  }
  if (state.status === 'failed') {
    const { error } = state;
    if (error instanceof ApiError && error.status === 403) {
      return {
        tone: 'danger',
        headline: 'Only auditors can verify the audit trail',
        detail: error.problem.detail || error.problem.title,
      };
    }
    return { tone: 'danger', headline: 'The chain could not be verified', detail: errorMessage(error) };
  }
  return undefined;
}

/**
 * "Verify chain": has the server recompute every entry's hash and its link to the one before,
 * and shows the answer prominently. The result concerns the whole trail, not the filtered view.
 */
export function ChainVerification() {
  const { api } = useSession();
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const verify = async () => {
    if (state.status === 'verifying') return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setState({ status: 'verifying' });
    try {
      const result = await api.verifyAuditChain(controller.signal);
      if (!controller.signal.aborted) setState({ status: 'done', result, checkedAt: new Date() });
    } catch (error) {
      if (!controller.signal.aborted) setState({ status: 'failed', error });
    }
  };

  const verifying = state.status === 'verifying';
  const outcome = describe(state);

  return (
    <section className="verify" aria-labelledby="verify-heading">
      <h2 id="verify-heading" className="verify__heading">
        Chain verification
      </h2>
      <div className="verify__bar">
        {/* aria-disabled rather than disabled, so keyboard focus stays on the button meanwhile. */}
        <button
          type="button"
          className="button button--primary"
          aria-disabled={verifying || undefined}
          onClick={() => void verify()}
          data-testid="audit-verify"
        >
          {verifying ? 'Verifying…' : 'Verify chain'}
        </button>
        <p className="verify__hint">
          Recomputes the hash of every entry on the server — the whole trail, not only the entries listed below.
        </p>
      </div>
      <div className="verify__outcome" role="status" aria-live="polite">
        {outcome && (
          <>
            <p className={`result result--${outcome.tone}`} data-testid="audit-verify-result">
              {outcome.headline}
            </p>
            <p className="result-detail" data-testid="audit-verify-detail">
              {outcome.detail}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
