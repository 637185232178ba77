/** The certificate page of a certificate that can no longer be edited: its boxes as facts, its actions, its history. */
import { CsrfField } from "../../../../views/components.tsx";
import { fmtTime } from "../../../../views/list.tsx";
import { printModeLabel, statusLabel } from "../../labels.ts";
import { FM } from "../form-messages.ts";
import type { FieldSpec } from "../form-layout.ts";
import { routeLine } from "../../route.ts";
import { BoxTitle } from "./form-fields.tsx";
import { shownValue, valueAt, type FormModel, type View } from "./form-model.ts";

export function ReadOnlyCertificate({ v }: { v: View }) {
  const goods = v.body.goods ?? [];
  return (
    <div id="cert-view" class="cert-form read-only">
      <p class="muted">{FM.readOnly(statusLabel(v.status))}</p>
      {v.layout.map((s) =>
        s.kind === "goods" ? (
          <section class="box goods" aria-labelledby="goods-title">
            <h2 id="goods-title">{FM.goodsLegend}</h2>
            <ol class="goods-lines">
              {goods.map((_, i) => (
                <li>
                  <h3>{FM.line(i + 1)}</h3>
                  <dl class="facts">
                    {s.line.map((f) => (
                      <ReadOnlyField v={v} f={f} line={i} />
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
            {s.marksImage && v.marksImage && (
              <p>
                {FM.marksImageCurrent(Math.ceil(v.marksImage.size / 1024))} <a href={`${v.action}/marks-image`}>{FM.marksImageView}</a>
              </p>
            )}
          </section>
        ) : (
          <section class="box" aria-labelledby={`${s.id}-title`}>
            <h2 id={`${s.id}-title`}>{s.kind === "application" ? FM.applicationLegend : <BoxTitle no={s.no} zh={s.zh} en={s.titleEn} />}</h2>
            <dl class="facts">
              {s.fields.map((f) => (
                <ReadOnlyField v={v} f={f} />
              ))}
              {s.kind === "box" && s.transport && (
                <>
                  <dt>{FM.routePrinted}</dt>
                  <dd lang="en">{routeLine(v.body.transport)}</dd>
                </>
              )}
            </dl>
          </section>
        ),
      )}
      <div class="actions">
        <form method="post" action={`${v.action}/copies`}>
          <CsrfField token={v.csrfToken} />
          <button type="submit" class="secondary">
            {FM.copy}
          </button>
        </form>
        {v.amendable && !v.replacedById && (
          <form method="post" action={`${v.action}/amendment`}>
            <CsrfField token={v.csrfToken} />
            <button type="submit" class="primary">
              {FM.amend}
            </button>
          </form>
        )}
        {(v.status === "APPROVED" || v.status === "ISSUED") && (
          // The print slice's page for this certificate (print, reprint with a reason, back pages).
          <a class="primary button" href={`/print/certificates/${v.id}`}>
            {FM.print}
          </a>
        )}
        <a href={`/certificates/${v.id}/attachments`}>{FM.attachments}</a>
        <a href="/certificates">{FM.back}</a>
      </div>
    </div>
  );
}

function ReadOnlyField({ v, f, line }: { v: View; f: FieldSpec; line?: number }) {
  const key = line === undefined ? f.key : f.key.replace("*", String(line));
  const label = line === undefined ? FM.label(key) : FM.lineLabel(f.key);
  let text: string;
  if (f.kind === "check") text = valueAt(v.body, key) === true ? FM.yes : FM.no;
  else if (f.kind === "printMode") text = printModeLabel(v.body.printMode);
  else text = shownValue(v, key, f.kind);
  return (
    <>
      <dt>{label}</dt>
      <dd class="pre" lang={f.kind === "signer" || f.kind === "check" || f.kind === "printMode" ? undefined : "en"}>
        {text || "—"}
      </dd>
    </>
  );
}

export function History({ history }: { history: FormModel["history"] }) {
  if (!history.length) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{FM.history}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{FM.historyAt}</th>
            <th scope="col">{FM.status}</th>
            <th scope="col">{FM.historyBy}</th>
            <th scope="col">{FM.historyNote}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <td>{fmtTime(h.at)}</td>
              <td>{statusLabel(h.status)}</td>
              <td>{h.by}</td>
              <td>{h.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
