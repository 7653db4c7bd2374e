import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { useWorkflows } from '../../api/queries.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { Page } from '../../layout/Page.js';
import { InteractionForm } from './InteractionForm.js';
import './inbox.css';

/** Forms waiting for a person, across the organization's runs; answer them here. */
export function InboxPage() {
  const [page, setPage] = useState(1);
  const inbox = useQuery({
    queryKey: ['interactions', page],
    queryFn: () => unwrap(api.GET('/workflows/interactions', { params: { query: { page, per_page: 15 } } })),
    refetchInterval: 10_000,
  });
  const workflows = useWorkflows();
  const names = useMemo(() => new Map((workflows.data ?? []).map((w) => [w.id, w.name])), [workflows.data]);
  const [open, setOpen] = useState<string | null>(null);
  const items = inbox.data?.data ?? [];

  return (
    <Page title="Inbox" subtitle="Runs waiting for someone to approve or fill in a form.">
      <ErrorNotice error={inbox.error} />
      {inbox.isPending ? (
        <div className="card empty">Loading the inbox…</div>
      ) : items.length === 0 ? (
        <div className="card">
          <EmptyState title="Nothing is waiting for you">
            <p>
              When a run reaches a <strong>form</strong> node it waits here until someone answers.
            </p>
          </EmptyState>
        </div>
      ) : (
        <ul className="inbox">
          {items.map((item) => (
            <li key={item.id} className="card">
              <div className="card-header">
                <div className="grow stack" style={{ gap: 2 }}>
                  <strong>{item.form.title}</strong>
                  <span className="muted">
                    {names.get(item.workflow_id) ?? item.workflow_id} · node <code>{item.node_id}</code> · run{' '}
                    <Link to={`/runs/${item.run_id}`}>{item.run_id}</Link>
                    {item.assignee && <> · for {item.assignee}</>}
                  </span>
                </div>
                <span className="muted">
                  <RelativeTime iso={item.created_at} />
                  {item.expires_at && (
                    <>
                      {' '}
                      · expires <RelativeTime iso={item.expires_at} />
                    </>
                  )}
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-expanded={open === item.id}
                  onClick={() => setOpen(open === item.id ? null : item.id)}
                >
                  {open === item.id ? 'Hide' : 'Answer'}
                </button>
              </div>
              {open === item.id && (
                <div className="card-body">
                  <InteractionForm interaction={item} showTitle={false} onAnswered={() => setOpen(null)} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {inbox.data && inbox.data.meta.last_page > 1 && (
        <div className="row">
          <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span className="muted">
            Page {inbox.data.meta.current_page} of {inbox.data.meta.last_page}
          </span>
          <button
            type="button"
            className="btn"
            disabled={page >= inbox.data.meta.last_page}
            onClick={() => setPage(page + 1)}
          >
            Next
          </button>
        </div>
      )}
    </Page>
  );
}
