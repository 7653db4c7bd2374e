import { type ReactNode, useEffect } from 'react';

/** A page: its title (also the document title), a subtitle, actions on the right, then the content. */
export function Page({
  title,
  subtitle,
  actions,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} · Stratoflow`;
  }, [title]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          {subtitle && <p>{subtitle}</p>}
        </div>
        <div className="spacer" />
        {actions}
      </header>
      {children}
    </div>
  );
}
