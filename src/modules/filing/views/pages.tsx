import type { Problem } from "../../../lib/problems.ts";
import { CsrfField, Notice } from "../../../views/components.tsx";
import { fmtTime, Pager, ProblemList, SearchQuery, StatusBadge, Tabs } from "../../../views/list.tsx";
import { agreementFor, isCertificateType } from "../../reference/index.ts";
import { M } from "../messages.ts";
import type { ProductRow } from "../queries.ts";
import type { getProduct } from "../service.ts";

type Detail = Awaited<ReturnType<typeof getProduct>>;
const STATUSES = ["DRAFT", "PENDING", "APPROVED", "REJECTED"] as const;

const agreementName = (type: string) => (isCertificateType(type) ? agreementFor(type).nameZh : type);

export function ProductList({
  rows,
  total,
  status,
  query,
  queryError,
  page,
  pageSize,
}: {
  rows: ProductRow[];
  total: number;
  status: string;
  query: string;
  queryError?: string;
  page: number;
  pageSize: number;
}) {
  const link = (s: string, p = 1) =>
    `/products?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(query ? { q: query } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <section aria-labelledby="products-title">
      <h1 id="products-title">{M.title}</h1>
      <p>
        <a class="primary" href="/products/new">
          {M.newTitle}
        </a>
      </p>
      <Tabs
        label="备案状态"
        current={status}
        tabs={[{ key: "", label: M.allTab, href: link("") }, ...STATUSES.map((s) => ({ key: s, label: M.statusLabels[s]!, href: link(s) }))]}
      />
      <form method="get" action="/products" class="search" role="search">
        {status && <input type="hidden" name="status" value={status} />}
        <SearchQuery label={M.searchLabel} query={query} error={queryError} />
        <button type="submit" class="secondary">
          {M.search}
        </button>
      </form>
      {rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.hsCode}</th>
              <th scope="col">{M.nameZh}</th>
              <th scope="col">{M.nameEn}</th>
              <th scope="col">状态</th>
              <th scope="col">更新时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/products/${r.id}`}>{r.hsCode || "（未填）"}</a>
                </td>
                <td>{r.nameZh}</td>
                <td lang="en">{r.nameEn}</td>
                <td>
                  <StatusBadge status={r.status} label={M.statusLabels[r.status]} />
                  {r.versionNo > 1 && <span class="muted"> 第 {r.versionNo} 版</span>}
                </td>
                <td>{fmtTime(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} href={(p) => link(status, p)} />
    </section>
  );
}

export function ProductSummary({ d }: { d: Detail }) {
  const v = d.latest;
  return (
    <>
      <dl class="facts">
        <dt>状态</dt>
        <dd>
          <StatusBadge status={v.status} label={M.statusLabels[v.status]} /> 第 {v.versionNo} 版
        </dd>
        <dt>{M.hsCode}</dt>
        <dd>{v.hsCode}</dd>
        <dt>{M.nameZh}</dt>
        <dd>{v.nameZh}</dd>
        <dt>{M.nameEn}</dt>
        <dd lang="en">{v.nameEn}</dd>
        <dt>{M.unit}</dt>
        <dd>{v.unit}</dd>
        <dt>{M.materials}</dt>
        <dd>{v.materials || "—"}</dd>
        <dt>{M.agreements}</dt>
        <dd>
          <ul>
            {v.agreements.map((a) => (
              <li>
                {agreementName(a.type)}：<strong>{a.originCriterion}</strong>
              </li>
            ))}
          </ul>
        </dd>
        {v.status === "REJECTED" && v.rejectReason && (
          <>
            <dt>{M.rejectReason}</dt>
            <dd class="field-error">{v.rejectReason}</dd>
          </>
        )}
      </dl>
      {d.approved && d.approved.id !== v.id && <p class="alert">{M.approvedVersionNote(d.approved.versionNo)}</p>}
    </>
  );
}

const actionLabels: Record<string, string> = {
  created: "创建",
  edited: "修改",
  new_version: "生成新版本",
  sent: "发送审核",
  withdrawn: "撤回",
  approved: "审核通过",
  rejected: "退回",
};

export function History({ history }: { history: Detail["history"] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{M.history}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">操作人</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => {
            const after = (h.after ?? {}) as { version?: number; reason?: string };
            return (
              <tr>
                <td>{fmtTime(h.at)}</td>
                <td>{actionLabels[h.action] ?? h.action}</td>
                <td>{h.actorName ?? "—"}</td>
                <td>
                  {after.version ? `第 ${after.version} 版` : ""} {after.reason ?? ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ActionButton({ action, label, csrfToken, primary }: { action: string; label: string; csrfToken: string; primary?: boolean }) {
  return (
    <form method="post" action={action}>
      <CsrfField token={csrfToken} />
      <button type="submit" class={primary ? "primary" : "secondary"}>
        {label}
      </button>
    </form>
  );
}

export function ProductDetail({ d, csrfToken, notice, sendProblems }: { d: Detail; csrfToken: string; notice?: string; sendProblems?: Problem[] }) {
  const s = d.latest.status;
  const base = `/products/${d.product.id}`;
  return (
    <section aria-labelledby="product-title">
      <h1 id="product-title">
        {M.title}：{d.latest.nameZh || d.latest.hsCode}
      </h1>
      {notice && <Notice>{notice}</Notice>}
      <ProblemList title={M.hasProblems} problems={sendProblems ?? (s === "DRAFT" || s === "REJECTED" ? d.problems : [])} />
      <ProductSummary d={d} />
      <div class="actions">
        {s !== "PENDING" && (
          <a class="secondary" href={`${base}/edit`}>
            {M.edit}
          </a>
        )}
        {(s === "DRAFT" || s === "REJECTED") && <ActionButton action={`${base}/submission`} label={M.send} csrfToken={csrfToken} primary />}
        {s === "PENDING" && <ActionButton action={`${base}/withdrawal`} label={M.withdraw} csrfToken={csrfToken} />}
        <ActionButton action={`${base}/copies`} label={M.copy} csrfToken={csrfToken} />
      </div>
      <History history={d.history} />
    </section>
  );
}

export function OfficeQueue({ rows, total, page, pageSize }: { rows: ProductRow[]; total: number; page: number; pageSize: number }) {
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{M.officeQueueTitle}</h1>
      {rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">企业注册号</th>
              <th scope="col">企业名称</th>
              <th scope="col">{M.hsCode}</th>
              <th scope="col">{M.nameZh}</th>
              <th scope="col">发送时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr>
                <td>{(page - 1) * pageSize + i + 1}</td>
                <td>{r.regNo}</td>
                <td>{r.enterpriseName}</td>
                <td>
                  <a href={`/office/products/${r.id}`}>{r.hsCode}</a>
                </td>
                <td>{r.nameZh}</td>
                <td>{fmtTime(r.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} href={(p) => `/office/products?page=${p}`} />
    </section>
  );
}

export function OfficeReview({
  d,
  csrfToken,
  notice,
  reasonError,
  reason,
}: {
  d: Detail;
  csrfToken: string;
  notice?: string;
  reasonError?: string;
  reason?: string;
}) {
  const base = `/office/products/${d.product.id}`;
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">
        {M.officeQueueTitle}：{d.latest.nameZh}
      </h1>
      {notice && <Notice>{notice}</Notice>}
      <ProductSummary d={d} />
      {d.latest.status === "PENDING" && (
        <div class="actions">
          <ActionButton action={`${base}/approval`} label={M.approve} csrfToken={csrfToken} primary />
          <form method="post" action={`${base}/rejection`} novalidate>
            <CsrfField token={csrfToken} />
            <div class={reasonError ? "field has-error" : "field"}>
              <label for="f-reason">{M.rejectReason}</label>
              <p class="hint" id="f-reason-hint">
                {M.rejectReasonHint}
              </p>
              {reasonError && (
                <p class="field-error" id="f-reason-error">
                  {reasonError}
                </p>
              )}
              <textarea
                id="f-reason"
                name="reason"
                aria-invalid={reasonError ? "true" : undefined}
                aria-describedby={`f-reason-hint${reasonError ? " f-reason-error" : ""}`}
              >
                {reason ?? ""}
              </textarea>
            </div>
            <button type="submit" class="secondary">
              {M.reject}
            </button>
          </form>
        </div>
      )}
      <History history={d.history} />
    </section>
  );
}
