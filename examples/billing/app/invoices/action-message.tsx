import type { ActionState } from '@/lib/pages/action-state';

/** The outcome of a form's action, announced to screen readers. */
export function ActionMessage({ state, testId }: { state: ActionState; testId: string }) {
  if (state.status === 'idle') return <p aria-live="polite" data-testid={testId} />;
  return (
    <p
      role={state.status === 'error' ? 'alert' : 'status'}
      className={state.status === 'error' ? 'error' : 'success'}
      data-testid={testId}
      data-code={state.code}
    >
      {state.message}
    </p>
  );
}
