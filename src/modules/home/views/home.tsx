import type { getEnterpriseProfile, getOfficeSummary } from "../../registration/index.ts";

type Profile = Awaited<ReturnType<typeof getEnterpriseProfile>>;
type OfficeSummary = Awaited<ReturnType<typeof getOfficeSummary>>;

/** 用户首页: the enterprise's filed record as the office holds it (one source of truth). */
export function EnterpriseHome({ profile }: { profile: Profile }) {
  const { enterprise: e, office, signers, seal } = profile;
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
        <p>尚无有效的手签员，请联系所在贸促会添加。</p>
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
