/** The certificate as the office reads it on the review page: its boxes, the filings and enterprise behind it, its history, and what changed since the version it replaces. */
import { CERTIFICATE_FIELD_LABELS as FIELD_LABELS, certificateType, type getCertificateForReview } from "../../certificates/index.ts";
import { fmtTime } from "../../../views/list.tsx";
import { M } from "../messages.ts";
import { diffCertificates, fieldText, lineFieldText, statusLabel, UNBOXED_FIELDS, type FieldChange } from "../rules.ts";

export type Detail = Awaited<ReturnType<typeof getCertificateForReview>>;

const isGoods = (f: string) => f.startsWith("goods.*.");

/** The registry's note on the certificate-number box. */
const NUMBER_NOTE = "assigned at approval";

/** The certificate's boxes in the registry's order, read-only, with the goods lines as one table. */
export function Boxes({ d }: { d: Detail }) {
  const type = certificateType(d.body.type);
  const goodsBoxes = type.boxes.filter((b) => b.fields.some(isGoods));
  const goods = d.body.goods ?? [];
  return (
    <section aria-labelledby="boxes-title">
      <h2 id="boxes-title">{M.boxesTitle}</h2>
      <p class="muted" lang="en">
        {type.titleEn}
      </p>
      <dl class="boxes">
        {type.boxes.map((box) => {
          const own = box.fields.filter((f) => !isGoods(f));
          return (
            <>
              <dt>
                {box.no && `${box.no}. `}
                <span lang="en">{box.title}</span>
              </dt>
              <dd>
                {own.map((f) => (
                  <div>
                    <span class="muted">{FIELD_LABELS[f] ?? f}：</span>
                    <span lang="en">{fieldText(d.body, f, { marksImage: d.hasMarksImage }) || M.empty}</span>
                  </div>
                ))}
                {box.fields.some(isGoods) && <div class="muted">{M.goodsSeeBelow}</div>}
                {!box.fields.length && box.note === NUMBER_NOTE ? (
                  // The number box: the number once approved, else when it will come.
                  d.number ? (
                    <strong>{d.number}</strong>
                  ) : (
                    <div class="muted">{M.numberAtApproval}</div>
                  )
                ) : (
                  !box.fields.length &&
                  box.note && (
                    <div class="muted" lang="en">
                      {box.note}
                    </div>
                  )
                )}
              </dd>
            </>
          );
        })}
      </dl>
      <h3>{M.goodsTitle}</h3>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              {goodsBoxes.map((b) => (
                <th scope="col">
                  {b.no}.{" "}
                  {b.fields
                    .filter(isGoods)
                    .map((f) => FIELD_LABELS[f] ?? f)
                    .join(" / ")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {goods.map((line, i) => (
              <tr>
                {goodsBoxes.map((b) => (
                  <td lang="en">
                    {b.fields
                      .filter(isGoods)
                      .map((f) => lineFieldText(line, f, i))
                      .filter(Boolean)
                      .map((v) => (
                        <div>{v}</div>
                      ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{M.otherFields}</h3>
      <dl class="facts">
        {UNBOXED_FIELDS.map((f) => (
          <>
            <dt>{FIELD_LABELS[f]}</dt>
            <dd>{fieldText(d.body, f) || M.empty}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

export function Filings({ d }: { d: Detail }) {
  return (
    <section aria-labelledby="filings-title">
      <h2 id="filings-title">{M.filingsTitle}</h2>
      {!d.filingRequired ? (
        <p class="muted">{M.filingsNotNeeded}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">项</th>
              <th scope="col">HS 编码（证书）</th>
              <th scope="col">已通过的备案</th>
            </tr>
          </thead>
          <tbody>
            {(d.body.goods ?? []).map((line, i) => (
              <tr>
                <td>{i + 1}</td>
                <td>
                  {line.hsCode ?? ""} <span class="muted">{line.originCriterion ?? ""}</span>
                </td>
                <td>
                  {d.lineFilings[i]!.length ? (
                    <ul>
                      {d.lineFilings[i]!.map((f) => (
                        <li>
                          <a href={`/office/products/${f.productId}`}>{f.hsCode}</a> <span lang="en">{f.nameEn}</span>，{M.filingCriterion(f.criterion)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span class="field-error">{M.filingNone}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Enterprise({ d }: { d: Detail }) {
  const e = d.enterprise;
  return (
    <section aria-labelledby="enterprise-title">
      <h2 id="enterprise-title">{M.enterpriseTitle}</h2>
      <dl class="facts">
        <dt>{M.columns.regNo}</dt>
        <dd>{e.regNo}</dd>
        <dt>{M.columns.enterpriseName}</dt>
        <dd>{e.nameZh}</dd>
        <dt>英文名称</dt>
        <dd lang="en">{e.nameEn}</dd>
        <dt>英文地址</dt>
        <dd lang="en">{e.addressEn}</dd>
        <dt>统一社会信用代码</dt>
        <dd>{e.creditCode ?? "—"}</dd>
        <dt>{M.columns.visaPoint}</dt>
        <dd>{e.visaPoint}</dd>
        <dt>{M.columns.smallMicro}</dt>
        <dd>{e.smallMicro ? M.yes : M.no}</dd>
        <dt>联系人</dt>
        <dd>{[e.contactName, e.contactPhone].filter(Boolean).join(" ") || "—"}</dd>
        <dt>{M.signersTitle}</dt>
        <dd>
          {d.signers.map((s) => (
            <span class={s.active ? undefined : "muted"}>
              {s.name}
              {s.isDefault && M.signerDefault}
              {!s.active && M.signerInactive}{" "}
            </span>
          ))}
        </dd>
      </dl>
    </section>
  );
}

export function History({ d }: { d: Detail }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{M.historyTitle}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">状态</th>
            <th scope="col">操作人</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {d.history.map((h) => (
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

/**
 * What changed against the certificate an amendment replaces, or against the version the office
 * returned: field by field, then line by line. The page opens on it (focus) while it is pending.
 */
export function Changes({ d, opened }: { d: Detail; opened: boolean }) {
  if (!d.previous) return null;
  const { fields, lines } = diffCertificates(d.previous.body, d.body);
  const title = d.previous.kind === "amended" ? M.changesAmended : M.changesReturned;
  const Row = ({ c }: { c: FieldChange }) => (
    <tr>
      <th scope="row">{c.label}</th>
      <td lang="en" class="pre">
        <del>{c.before || M.empty}</del>
      </td>
      <td lang="en" class="pre">
        <ins>{c.after || M.empty}</ins>
      </td>
    </tr>
  );
  return (
    <section id="changes" class="panel" aria-labelledby="changes-title" tabindex={-1} autofocus={(opened && d.status === "PENDING") || undefined}>
      <h2 id="changes-title">{title}</h2>
      {!fields.length && !lines.length ? (
        <p>{M.changesNone}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.changesField}</th>
              <th scope="col">{M.changesBefore}</th>
              <th scope="col">{M.changesAfter}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((c) => (
              <Row c={c} />
            ))}
          </tbody>
          {lines.map((l) => (
            <tbody>
              <tr>
                <th scope="rowgroup" colspan={3}>
                  {M.changesLine(l.no, l.kind)}
                </th>
              </tr>
              {l.changes.map((c) => (
                <Row c={c} />
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
