import { CsrfField, FileField } from "../../../../views/components.tsx";
import type { ImportedLine } from "../goods-import.ts";
import { GIM } from "../goods-import-messages.ts";

export type GoodsImportModel = {
  id: string;
  applicationNo: string;
  csrfToken: string;
  /** A refusal of the whole file (hostile, broken, too large) or of the upload. */
  error?: string;
  preview?: {
    fileName: string;
    sheet: string;
    sheetNames: string[];
    sheetProblems: string[];
    ignoredHeaders: string[];
    lines: ImportedLine[];
    revision: number;
  };
};

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** Upload form, then the preview of every row with its problems, and the confirmation. */
export function GoodsImportPage(m: GoodsImportModel) {
  const p = m.preview;
  const good = p ? p.lines.filter((l) => !l.problems.length) : [];
  const bad = p ? p.lines.length - good.length : 0;
  const canImport = p && good.length > 0 && !p.sheetProblems.length;
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">
        {GIM.title} · {m.applicationNo}
      </h1>
      <p>{GIM.intro}</p>
      <p>
        <a href={`/certificates/${m.id}/goods-import/template`} download="goods-import-template.xlsx">
          {GIM.template}
        </a>{" "}
        <span class="hint">{GIM.templateHint}</span>
      </p>
      {m.error ? (
        <div class="alert error" role="alert" tabindex={-1} id="import-error">
          {m.error}
        </div>
      ) : null}
      <form method="post" action={`/certificates/${m.id}/goods-import`} enctype="multipart/form-data">
        <CsrfField token={m.csrfToken} />
        <FileField name="file" label={GIM.fileLabel} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <p class="field">
          <label for="import-sheet">{GIM.sheetLabel}</label>
          <input id="import-sheet" name="sheet" type="text" value={p && p.sheetNames.length > 1 ? p.sheet : ""} />
        </p>
        <button type="submit">{GIM.upload}</button>
      </form>
      {p ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{GIM.previewHeading(p.fileName, p.sheet)}</h2>
          {p.sheetNames.length > 1 ? <p class="hint">{GIM.otherSheets(p.sheetNames.join("、"))}</p> : null}
          {p.sheetProblems.length ? (
            <div class="alert error" role="alert" id="sheet-problems">
              <ul>
                {p.sheetProblems.map((s) => (
                  <li>{s}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {p.ignoredHeaders.length ? <p class="hint">{GIM.ignored(p.ignoredHeaders.join("，"))}</p> : null}
          {p.lines.length ? <p id="import-summary">{GIM.summary(good.length, bad)}</p> : null}
          {p.lines.length ? (
            <table class="certs" id="import-preview">
              <thead>
                <tr>
                  <th scope="col">{GIM.rowLabel}</th>
                  <th scope="col">唛头</th>
                  <th scope="col">件数/包装</th>
                  <th scope="col">货物名称</th>
                  <th scope="col">HS编码</th>
                  <th scope="col">数量/单位</th>
                  <th scope="col">毛重</th>
                  <th scope="col">金额</th>
                  <th scope="col">原产地标准</th>
                  <th scope="col">问题</th>
                </tr>
              </thead>
              <tbody>
                {p.lines.map((l) => (
                  <tr data-row={l.row} class={l.problems.length ? "bad" : "ok"}>
                    <th scope="row">{l.row}</th>
                    <td>{l.line.marks ?? ""}</td>
                    <td>
                      {num(l.line.packages?.count)} {l.line.packages?.kind ?? ""}
                    </td>
                    <td>{l.line.description ?? ""}</td>
                    <td>{l.line.hsCode ?? ""}</td>
                    <td>
                      {num(l.line.quantity?.value)} {l.line.quantity?.unit ?? ""}
                    </td>
                    <td>{num(l.line.grossWeightKg)}</td>
                    <td>{l.line.value === null || l.line.value === undefined ? "" : String(l.line.value)}</td>
                    <td>{l.line.originCriterion ?? ""}</td>
                    <td>
                      {l.problems.length ? (
                        <>
                          <strong>{GIM.lineBad}</strong>
                          <ul>
                            {l.problems.map((x) => (
                              <li>
                                第 {x.row} 行 {x.column} 列（{x.header}）：{x.message}
                              </li>
                            ))}
                          </ul>
                        </>
                      ) : (
                        GIM.lineOk
                      )}
                      {l.filing ? <div class="hint">{GIM.filed(l.filing.hsCode, l.filing.nameZh)}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {canImport ? (
            <form method="post" action={`/certificates/${m.id}/goods-import/confirmation`} class="actions">
              <CsrfField token={m.csrfToken} />
              <input type="hidden" name="revision" value={String(p.revision)} />
              <input type="hidden" name="lines" value={JSON.stringify(good.map((l) => l.line))} />
              <button type="submit" class="primary">
                {GIM.confirm(good.length)}
              </button>
              <a href={`/certificates/${m.id}`}>{GIM.back}</a>
            </form>
          ) : (
            <p class="actions">
              {p.lines.length || p.sheetProblems.length ? <span>{GIM.nothingToImport} </span> : null}
              <a href={`/certificates/${m.id}`}>{GIM.back}</a>
            </p>
          )}
        </section>
      ) : (
        <p class="actions">
          <a href={`/certificates/${m.id}`}>{GIM.back}</a>
        </p>
      )}
    </section>
  );
}
