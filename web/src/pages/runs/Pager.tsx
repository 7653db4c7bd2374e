/** "Page 2 of 5 · 87 runs" with previous/next buttons (Laravel paginator meta). */
export function Pager({
  meta,
  onPage,
}: {
  meta: { current_page: number; last_page: number; total: number; from: number | null; to: number | null };
  onPage(page: number): void;
}) {
  if (meta.total === 0) return null;
  return (
    <nav className="row pager" aria-label="Pages">
      <span className="muted grow">
        {meta.from}–{meta.to} of {meta.total} runs · page {meta.current_page} of {meta.last_page}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={meta.current_page <= 1}
        onClick={() => onPage(meta.current_page - 1)}
      >
        Previous page
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={meta.current_page >= meta.last_page}
        onClick={() => onPage(meta.current_page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}
