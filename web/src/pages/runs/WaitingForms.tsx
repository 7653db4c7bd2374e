import { useQuery } from '@tanstack/react-query';
import { InteractionForm, loadInteractions } from '../inbox/InteractionForm.js';

/** A run waiting on a form: the form itself, answerable here, instead of a trip to the Inbox. */
export function WaitingForms({ runId }: { runId: string }) {
  const interactions = useQuery({
    queryKey: ['interactions', 'run', runId],
    queryFn: () => loadInteractions(runId),
  });
  const pending = (interactions.data ?? []).filter((i) => i.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <>
      {pending.map((interaction) => (
        <section key={interaction.id} className="card" aria-label={`Form: ${interaction.form.title}`}>
          <div className="card-header">
            <h2 className="grow">Waiting for input</h2>
            <span className="muted">
              node <code>{interaction.node_id}</code>
              {interaction.assignee && <> · for {interaction.assignee}</>}
            </span>
          </div>
          <div className="card-body">
            <InteractionForm interaction={interaction} onAnswered={() => interactions.refetch()} />
          </div>
        </section>
      ))}
    </>
  );
}
