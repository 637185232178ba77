import type { listEnterprises } from "../records-service.ts";
import { M } from "../messages.ts";

type ListResult = Awaited<ReturnType<typeof listEnterprises>>;
export type ListQuery = { q: string; status: "active" | "inactive" | "all" };

const STATUS_OPTIONS = [
  { value: "active", label: "正常" },
  { value: "inactive", label: "已停用" },
  { value: "all", label: "全部" },
] as const;

function pageHref(query: ListQuery, page: number) {
  const p = new URLSearchParams({ q: query.q, status: query.status, page: String(page) });
  return `/office/enterprises?${p}`;
}

/** 企业注册信息 list: the office's own enterprises, searchable by number, name, credit code or customs code. */
export function EnterpriseList({ result, query, canEdit }: { result: ListResult; query: ListQuery; canEdit: boolean }) {
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{M.listTitle}</h1>
      <div class="toolbar">
        <form method="get" action="/office/enterprises" role="search" class="inline">
          <div class="field">
            <label for="f-q">搜索</label>
            <input id="f-q" name="q" type="search" value={query.q} placeholder="注册号、名称、信用代码或海关编码" />
          </div>
          <div class="field">
            <label for="f-status">状态</label>
            <select id="f-status" name="status">
              {STATUS_OPTIONS.map((o) => (
                <option value={o.value} selected={query.status === o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            查询
          </button>
        </form>
        {canEdit && (
          <a class="primary" href="/office/enterprises/new" role="button">
            {M.newTitle}
          </a>
        )}
      </div>
      <p class="muted" role="status">
        共 {result.total} 家企业{result.pages > 1 ? `，第 ${result.page}/${result.pages} 页` : ""}。
      </p>
      {result.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.fields.regNo}</th>
              <th scope="col">{M.fields.nameZh}</th>
              <th scope="col">{M.fields.creditCode}</th>
              <th scope="col">{M.fields.customsCode}</th>
              <th scope="col">{M.fields.nature}</th>
              <th scope="col">小微</th>
              <th scope="col">{M.fields.visaPoint}</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((e) => (
              <tr>
                <td>
                  <a href={`/office/enterprises/${e.id}`}>{e.regNo}</a>
                </td>
                <td>{e.nameZh}</td>
                <td>{e.creditCode ?? <span class="muted">未填写</span>}</td>
                <td>
                  {e.customsCodes.map((c) => (
                    <div>
                      {c.code} <span class={`badge ${c.status.toLowerCase()}`}>{M.customsStatus[c.status]}</span>
                    </div>
                  ))}
                </td>
                <td>{e.nature}</td>
                <td>{e.smallMicro ? M.yes : M.no}</td>
                <td>{e.visaPoint}</td>
                <td>{e.active ? M.active : <span class="badge off">{M.inactive}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.pages > 1 && (
        <nav class="pager" aria-label="分页">
          {result.page > 1 && <a href={pageHref(query, result.page - 1)}>上一页</a>}
          {result.page < result.pages && <a href={pageHref(query, result.page + 1)}>下一页</a>}
        </nav>
      )}
    </section>
  );
}
