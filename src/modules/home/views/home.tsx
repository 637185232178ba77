import type { Child } from "hono/jsx";
import { fmtTime, StatusBadge } from "../../../views/list.tsx";
import {
  applicationNoHref,
  CERTIFICATE_STATUS_LABELS,
  certificateHref,
  invoiceHolderApplicationNo,
  type CertificateStatus,
  type listCertificatesNeedingAttention,
  type listRecentCertificateActivity,
} from "../../certificates/index.ts";
import type { listRejectedFilings } from "../../filing/index.ts";
import type { getEnterpriseProfile, getOfficeSummary } from "../../registration/index.ts";
import { HM } from "../messages.ts";

type Profile = Awaited<ReturnType<typeof getEnterpriseProfile>>;
type OfficeSummary = Awaited<ReturnType<typeof getOfficeSummary>>;
type Attention = Awaited<ReturnType<typeof listCertificatesNeedingAttention>>;
type Activity = Awaited<ReturnType<typeof listRecentCertificateActivity>>;
type RejectedFilings = Awaited<ReturnType<typeof listRejectedFilings>>;

export type EnterpriseHomeData = {
  profile: Profile;
  counts: Partial<Record<CertificateStatus, number>>;
  attention: Attention;
  /** How many blocked drafts to list before linking to the rest. */
  attentionLimit: number;
  rejectedFilings: RejectedFilings;
  activity: Activity;
};

/** The statuses shown on the home page, each linking to its tab of the list (REPLACED only counts in the total). */
const COUNTED: readonly CertificateStatus[] = ["DRAFT", "PENDING", "RETURNED", "APPROVED", "ISSUED", "VOIDED"];

function Counts({ counts }: { counts: EnterpriseHomeData["counts"] }) {
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title">{HM.counts}</h2>
      <ul class="counts">
        <li>
          <a href="/certificates">
            {HM.allCertificates} <strong>{all}</strong>
          </a>
        </li>
        {COUNTED.map((s) => (
          <li>
            <a href={`/certificates?status=${s}`}>
              {CERTIFICATE_STATUS_LABELS[s]} <strong>{counts[s] ?? 0}</strong>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

const label = (r: { invoiceNo: string; applicationNo: string }) => `${r.invoiceNo || HM.noInvoiceNo}（${HM.applicationNo} ${r.applicationNo}）`;

/** What the exporter has to act on: returned certificates, drafts machine review stops, rejected filings. */
function NeedsAttention({ data }: { data: EnterpriseHomeData }) {
  const { returned, blocked } = data.attention;
  const filings = data.rejectedFilings;
  const returnedTotal = data.counts.RETURNED ?? returned.length;
  const nothing = !returned.length && !blocked.length && !filings.items.length;
  return (
    <section aria-labelledby="attention-title">
      <h2 id="attention-title">{HM.attention}</h2>
      {nothing && <p>{HM.attentionNone}</p>}
      {returned.length > 0 && (
        <>
          <h3 id="returned-title">{HM.returned}</h3>
          <ul aria-labelledby="returned-title">
            {returned.map((r) => (
              <li>
                <a href={certificateHref(r.id)}>{label(r)}</a>
                {r.returnReason && (
                  <p class="reason">
                    {HM.returnReason}：{r.returnReason}
                  </p>
                )}
              </li>
            ))}
          </ul>
          {returnedTotal > returned.length && <a href="/certificates?status=RETURNED">{HM.more(returnedTotal)}</a>}
        </>
      )}
      {blocked.length > 0 && (
        <>
          <h3 id="blocked-title">{HM.blocked}</h3>
          <ul aria-labelledby="blocked-title">
            {blocked.map((r) => (
              <li>
                <a href={certificateHref(r.id)}>{label(r)}</a>
                <ul>
                  {r.problems
                    .filter((p) => p.severity === "error")
                    .map((p) => {
                      const holder = invoiceHolderApplicationNo(p);
                      return (
                        <li>
                          {p.message}
                          {holder && (
                            <>
                              {" "}
                              <a href={applicationNoHref(holder)}>{HM.openHolder}</a>
                            </>
                          )}
                        </li>
                      );
                    })}
                </ul>
              </li>
            ))}
          </ul>
          {blocked.length >= data.attentionLimit && <a href="/certificates?status=DRAFT">{HM.allDrafts}</a>}
        </>
      )}
      {filings.items.length > 0 && (
        <>
          <h3 id="filings-title">{HM.rejectedFilings}</h3>
          <ul aria-labelledby="filings-title">
            {filings.items.map((f) => (
              <li>
                <a href={`/products/${f.id}`}>
                  {f.hsCode} {f.nameZh}
                </a>
                {f.rejectReason && (
                  <p class="reason">
                    {HM.rejectReason}：{f.rejectReason}
                  </p>
                )}
              </li>
            ))}
          </ul>
          {filings.total > filings.items.length && <a href="/products?status=REJECTED">{HM.more(filings.total)}</a>}
        </>
      )}
    </section>
  );
}

function RecentActivity({ activity }: { activity: Activity }) {
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{HM.recent}</h2>
      {activity.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{HM.at}</th>
              <th scope="col">{HM.certificate}</th>
              <th scope="col">{HM.change}</th>
              <th scope="col">{HM.by}</th>
              <th scope="col">{HM.note}</th>
            </tr>
          </thead>
          <tbody>
            {activity.map((h) => (
              <tr>
                <td>{fmtTime(h.at)}</td>
                <td>
                  <a href={certificateHref(h.certificateId)}>{label(h)}</a>
                </td>
                <td>
                  <StatusBadge status={h.status} label={CERTIFICATE_STATUS_LABELS[h.status]} />
                </td>
                <td>{h.by}</td>
                <td>{h.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{HM.recentNone}</p>
      )}
    </section>
  );
}

/** 用户首页: certificate counts, what needs attention, recent activity, and the enterprise's filed record as the office holds it. */
/** 用户首页: counts, what needs attention, recent activity, and the filed record as the office holds it (one source of truth). */
export function EnterpriseHome({ data }: { data: EnterpriseHomeData }) {
  const { enterprise: e, office, signers, seal } = data.profile;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{e.nameZh}</h1>
      <Counts counts={data.counts} />
      <NeedsAttention data={data} />
      <RecentActivity activity={data.activity} />
      <h2>{HM.profile}</h2>
      <dl class="facts">
        <dt>企业注册号</dt>
        <dd>{e.regNo}</dd>
        <dt>所属贸促会</dt>
        <dd>
          {office?.nameZh}（{e.officeCode}）
        </dd>
        <dt>英文名称</dt>
        <dd lang="en">{e.nameEn}</dd>
        <dt>英文地址</dt>
        <dd lang="en">{e.addressEn}</dd>
        <dt>签证点</dt>
        <dd>{e.visaPoint}</dd>
      </dl>
      <h2>{HM.signers}</h2>
      {signers.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">默认</th>
              <th scope="col">签名</th>
            </tr>
          </thead>
          <tbody>
            {signers.map((s) => (
              <tr>
                <td>{s.name}</td>
                <td>{s.isDefault ? "是" : ""}</td>
                <td>
                  {s.signatureImageId ? (
                    <img class="thumb" src={`/home/images/${s.signatureImageId}`} alt={`${s.name}的签名`} />
                  ) : (
                    <span class="muted">无签名图片：选择该手签员制单时无法打印签名，请联系所在贸促会上传。</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{HM.noSigners}</p>
      )}
      <h2>企业印章</h2>
      {seal ? (
        <p>
          <img class="thumb" src={`/home/images/${seal.id}`} alt="企业印章" />
        </p>
      ) : (
        <p class="muted">尚未上传企业印章：打印证书时无法加盖印章，请联系所在贸促会上传。</p>
      )}
    </section>
  );
}

export function OfficeHome({ summary, workbench }: { summary: OfficeSummary; workbench?: Child }) {
  return (
    <section aria-labelledby="office-title">
      <h1 id="office-title">
        {summary.office.nameZh}（{summary.office.code}）
      </h1>
      <p>本机构已登记企业 {summary.enterpriseCount} 家。</p>
      {workbench}
    </section>
  );
}
