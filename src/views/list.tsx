import type { Child } from "hono/jsx";

/** Status tabs as plain links (work without JavaScript; the current one is marked for screen readers). */
export function Tabs({ tabs, current, label }: { tabs: { href: string; label: string; key: string; count?: number }[]; current: string; label: string }) {
  return (
    <nav class="tabs" aria-label={label}>
      <ul>
        {tabs.map((t) => (
          <li>
            <a href={t.href} aria-current={t.key === current ? "page" : undefined}>
              {t.label}
              {t.count !== undefined && <span class="count">{t.count}</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Previous/next links keeping the other query parameters. */
export function Pager({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <p class="muted">共 {total} 条</p>;
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 && <a href={href(page - 1)}>上一页</a>}
      <span>
        第 {page} / {pages} 页，共 {total} 条
      </span>
      {page < pages && <a href={href(page + 1)}>下一页</a>}
    </nav>
  );
}

/** A list page's free-text search box (`q`), its refusal shown above it and tied to it for screen readers. */
export function SearchQuery({ label, query, error }: { label: string; query: string; error?: string | null }) {
  return (
    <div class={error ? "field has-error" : undefined}>
      <label for="q">{label}</label>
      {error && (
        <p class="field-error" id="q-error">
          {error}
        </p>
      )}
      <input id="q" name="q" type="search" value={query} aria-invalid={error ? "true" : undefined} aria-describedby={error ? "q-error" : undefined} />
    </div>
  );
}

export function StatusBadge({ status, label }: { status: string; label: Child }) {
  return <span class={`badge s-${status.toLowerCase()}`}>{label}</span>;
}

export function ProblemList({ problems, title }: { problems: { field: string; message: string; hint: string; severity: string }[]; title: string }) {
  if (!problems.length) return null;
  return (
    <div class="alert error" role="alert">
      <p>{title}</p>
      <ul>
        {problems.map((p) => (
          <li class={p.severity === "warning" ? "warning" : undefined}>
            {p.message} <span class="muted">{p.hint}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { formatDateTime as fmtTime } from "../lib/time.ts";
