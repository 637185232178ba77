import type { getEnterpriseProfile, getOfficeSummary } from "../../registration/index.ts";

type Profile = Awaited<ReturnType<typeof getEnterpriseProfile>>;
type OfficeSummary = Awaited<ReturnType<typeof getOfficeSummary>>;

/** 用户首页: the enterprise's filed record as the office holds it (one source of truth). */
export function EnterpriseHome({ profile }: { profile: Profile }) {
  const { enterprise: e, office, signers } = profile;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{e.nameZh}</h1>
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
      <h2>手签员</h2>
      {signers.length ? (
        <ul>
          {signers.map((s) => (
            <li>{s.name}</li>
          ))}
        </ul>
      ) : (
        <p>尚无有效的手签员，请联系所在贸促会添加。</p>
      )}
    </section>
  );
}

export function OfficeHome({ summary }: { summary: OfficeSummary }) {
  return (
    <section aria-labelledby="office-title">
      <h1 id="office-title">
        {summary.office.nameZh}（{summary.office.code}）
      </h1>
      <p>本机构已登记企业 {summary.enterpriseCount} 家。</p>
    </section>
  );
}
