import { CERTIFICATE_FIELD_LABELS as FIELD_LABELS, certificateType, printModeLabel, type getCertificateForReview, type Problem } from "../../certificates/index.ts";
import { assetUrl } from "../../../lib/static-assets.ts";
import { CsrfField, Notice } from "../../../views/components.tsx";
import { fmtTime, ProblemList, StatusBadge } from "../../../views/list.tsx";
import { M } from "../messages.ts";
import { diffCertificates, fieldText, lineFieldText, statusLabel, UNBOXED_FIELDS, type FieldChange } from "../rules.ts";
import { CertificatePreviewSlot } from "../../../views/certificate-preview.tsx";
import { CertificateAttachmentsPanel, type CertificateAttachmentItem } from "../../commercial/index.ts";

type Detail = Awaited<ReturnType<typeof getCertificateForReview>>;

/** Who else is reviewing this certificate, if anyone. */
export type Marker = { name: string; since: Date } | null;

export type ReviewProps = {
  d: Detail;
  csrfToken: string;
  marker: Marker;
  notice?: string;
  /** A refused action's message (someone was quicker, the state changed). */
  error?: string;
  /** Problems that blocked an approval. */
  blocking?: Problem[];
  returnError?: string;
  returnReason?: string;
  serialError?: string;
  serial?: string;
  /** The next certificate waiting in the same queue (下一份), if any. */
  next?: string | null;
  /** 关联单据 the exporter attached (invoice, packing list): read beside the application, never printed. */
  attachments?: CertificateAttachmentItem[];
};

const isGoods = (f: string) => f.startsWith("goods.*.");

function TextArea({ id, name, label, hint, error, value, shortcut }: { id: string; name: string; label: string; hint: string; error?: string; value?: string; shortcut?: string }) {
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea id={id} name={name} required data-shortcut={shortcut} aria-keyshortcuts={shortcut && `Alt+${shortcut.slice(3)}`} aria-invalid={error ? "true" : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
        {value ?? ""}
      </textarea>
    </div>
  );
}

/** The registry's note on the certificate-number box. */
const NUMBER_NOTE = "assigned at approval";

/** The certificate's boxes in the registry's order, read-only, with the goods lines as one table. */
function Boxes({ d }: { d: Detail }) {
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
                  d.number ? <strong>{d.number}</strong> : <div class="muted">{M.numberAtApproval}</div>
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
                  {b.no}. {b.fields.filter(isGoods).map((f) => FIELD_LABELS[f] ?? f).join(" / ")}
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

function Filings({ d }: { d: Detail }) {
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

function Enterprise({ d }: { d: Detail }) {
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

function History({ d }: { d: Detail }) {
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

function Actions(p: ReviewProps) {
  const { d, csrfToken } = p;
  const base = `/office/certificates/${d.id}`;
  const voidable = ["DRAFT", "PENDING", "RETURNED", "APPROVED"].includes(d.status);
  const serialForm = d.printMode === "PCO" && (d.status === "APPROVED" || d.status === "ISSUED");
  if (!voidable && !serialForm) return null;
  return (
    <section aria-labelledby="actions-title" class="panel">
      <h2 id="actions-title">审核操作</h2>
      {d.status === "PENDING" && (
        <>
          <p class="hint" id="shortcuts">{M.shortcuts}</p>
          <form method="post" action={`${base}/approval`} class="actions">
            <CsrfField token={csrfToken} />
            <button type="submit" class="primary" data-shortcut="KeyA" aria-keyshortcuts="Alt+A" aria-describedby="shortcuts">
              {M.approve} <kbd>Alt+A</kbd>
            </button>
          </form>
          <form method="post" action={`${base}/return`} novalidate>
            <CsrfField token={csrfToken} />
            <TextArea id="f-reason" name="reason" label={M.returnReason} hint={M.returnReasonHint} error={p.returnError} value={p.returnReason} shortcut="KeyR" />
            <button type="submit" class="secondary">
              {M.returnButton}
            </button>
          </form>
        </>
      )}
      {serialForm && (
        <form method="post" action={`${base}/form-serial`} novalidate class="serial">
          <CsrfField token={csrfToken} />
          <div class={p.serialError ? "field has-error" : "field"}>
            <label for="f-formSerial">{M.formSerialLabel}</label>
            <p class="hint" id="f-formSerial-hint">
              {M.formSerialHint}
            </p>
            {p.serialError && (
              <p class="field-error" id="f-formSerial-error">
                {p.serialError}
              </p>
            )}
            <input
              id="f-formSerial"
              name="formSerial"
              value={p.serial ?? d.formSerial ?? ""}
              autocomplete="off"
              aria-invalid={p.serialError ? "true" : undefined}
              aria-describedby={`f-formSerial-hint${p.serialError ? " f-formSerial-error" : ""}`}
            />
          </div>
          <button type="submit" class="secondary">
            {M.formSerialButton}
          </button>
        </form>
      )}
      {p.next && (
        <p>
          <a href={`/office/certificates/${p.next}`} data-shortcut="KeyN" aria-keyshortcuts="Alt+N">
            {M.nextInQueue} <kbd>Alt+N</kbd>
          </a>
        </p>
      )}
      {voidable && (
        <p>
          <a href={`${base}/void`} class="danger-link">
            {M.voidLink}
          </a>
        </p>
      )}
    </section>
  );
}

/**
 * What changed against the certificate an amendment replaces, or against the version the office
 * returned: field by field, then line by line. The page opens on it (focus) while it is pending.
 */
function Changes({ d, opened }: { d: Detail; opened: boolean }) {
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

/** The review page (manual §四(二)): facts, actions, fresh machine review, boxes, filings, enterprise, history. */
export function ReviewPage(p: ReviewProps) {
  const { d } = p;
  return (
    <section aria-labelledby="review-title">
      <script src={assetUrl("shortcuts.js")} defer></script>
      <h1 id="review-title">
        {M.reviewTitle}：{d.enterprise.nameZh} {d.invoiceNo}
      </h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.error && (
        <div class="alert error" role="alert">
          {p.error}
        </div>
      )}
      {p.marker && (
        <div class="alert" role="status">
          {M.reviewingBy(p.marker.name, fmtTime(p.marker.since).slice(11))}
        </div>
      )}
      <dl class="facts">
        <dt>状态</dt>
        <dd>
          <StatusBadge status={d.status} label={statusLabel(d.status)} />
        </dd>
        <dt>{M.columns.type}</dt>
        <dd>
          {certificateType(d.body.type).nameZh}（{d.type}），{printModeLabel(d.printMode)}
        </dd>
        <dt>{M.applicationNo}</dt>
        <dd>{d.applicationNo}</dd>
        {d.number && (
          <>
            <dt>{M.number}</dt>
            <dd>
              <strong>{d.number}</strong>
            </dd>
          </>
        )}
        {d.formSerial && (
          <>
            <dt>{M.formSerial}</dt>
            <dd>{d.formSerial}</dd>
          </>
        )}
        <dt>{M.sentAt}</dt>
        <dd>{fmtTime(d.sentAt)}</dd>
        <dt>{M.source}</dt>
        <dd>{M.sources[d.source] ?? d.source}</dd>
        {d.retroactive && (
          <>
            <dt>后补</dt>
            <dd class="warning">{M.retroactive(d.retroactive.wording)}</dd>
          </>
        )}
        {d.returnReason && d.status === "RETURNED" && (
          <>
            <dt>{M.returnReason}</dt>
            <dd class="field-error">{d.returnReason}</dd>
          </>
        )}
        {d.voidReason && (
          <>
            <dt>{M.voidReason}</dt>
            <dd class="field-error">{d.voidReason}</dd>
          </>
        )}
        {d.replaces && (
          <>
            <dt>改证重发</dt>
            <dd>
              {M.replaces} <a href={`/office/certificates/${d.replaces.id}`}>{d.replaces.number ?? d.replaces.applicationNo}</a>（{statusLabel(d.replaces.status)}）
            </dd>
          </>
        )}
        {d.replacedBy && (
          <>
            <dt>已替代</dt>
            <dd>
              {M.replacedBy}
              <a href={`/office/certificates/${d.replacedBy.id}`}>{d.replacedBy.number ?? d.replacedBy.applicationNo}</a>
            </dd>
          </>
        )}
      </dl>
      {p.blocking && <ProblemList title={M.machineReviewProblems} problems={p.blocking} />}
      <Changes d={d} opened={!p.notice && !p.error && !p.blocking && !p.returnError} />
      <Actions {...p} />
      <section aria-labelledby="machine-title">
        <h2 id="machine-title">{M.machineReview}</h2>
        {d.problems.length ? <ProblemList title={M.machineReviewProblems} problems={d.problems} /> : <p class="ok-text">{M.machineReviewOk}</p>}
      </section>
      <Boxes d={d} />
      {p.attachments && <CertificateAttachmentsPanel items={p.attachments} />}
      <CertificatePreviewSlot id={d.id} />
      <Filings d={d} />
      <Enterprise d={d} />
      <History d={d} />
    </section>
  );
}

/** 作废 confirmation: says it is final and where to go instead (manual Q13). */
export function VoidPage({ d, csrfToken, error, reason }: { d: Detail; csrfToken: string; error?: string; reason?: string }) {
  const base = `/office/certificates/${d.id}`;
  return (
    <section aria-labelledby="void-title">
      <h1 id="void-title">
        {M.voidTitle}：{d.number ?? d.applicationNo}
      </h1>
      <div class="alert error" role="alert">
        <p>
          <strong>{M.voidFinal}</strong>
        </p>
        <p>{M.voidGuide}</p>
      </div>
      <dl class="facts">
        <dt>{M.columns.enterpriseName}</dt>
        <dd>{d.enterprise.nameZh}</dd>
        <dt>{M.columns.invoiceNo}</dt>
        <dd>{d.invoiceNo}</dd>
        <dt>状态</dt>
        <dd>{statusLabel(d.status)}</dd>
      </dl>
      <form method="post" action={`${base}/void`} novalidate>
        <CsrfField token={csrfToken} />
        <TextArea id="f-reason" name="reason" label={M.voidReason} hint={M.voidReasonHint} error={error} value={reason} />
        <div class="actions">
          <button type="submit" class="danger">
            {M.voidConfirm}
          </button>
          <a href={base}>{M.cancel}</a>
        </div>
      </form>
    </section>
  );
}
