import { maskMobile } from "../../../sms/index.ts";
import { formatDateTime } from "../../../../lib/time.ts";
import { S } from "../messages.ts";
import { normalizeCode, sameName } from "../rules.ts";
import type { lookupRegistration } from "../service.ts";

type Result = Awaited<ReturnType<typeof lookupRegistration>>;

function Verdict({ same }: { same: boolean }) {
  return <td class={same ? "same" : "differs"}>{same ? S.same : S.differs}</td>;
}

/** 注册查询: the filed values beside what the registrant typed last time it failed (manual Q1, Q3). */
export function LookupPage({ regNo, result, notFound }: { regNo: string; result?: Result; notFound?: string }) {
  return (
    <section aria-labelledby="lookup-title">
      <h1 id="lookup-title">{S.lookupTitle}</h1>
      <p class="muted">{S.lookupIntro}</p>
      <form method="get" action="/office/registrations" class="inline">
        <div class="field">
          <label for="f-regNo">{S.lookupRegNo}</label>
          <input id="f-regNo" name="regNo" value={regNo} autocomplete="off" />
        </div>
        <button type="submit" class="primary">
          {S.lookupSubmit}
        </button>
      </form>
      {notFound && (
        <div class="alert error" role="alert">
          {notFound}
        </div>
      )}
      {result && <LookupResult result={result} />}
    </section>
  );
}

function LookupResult({ result }: { result: Result }) {
  const { enterprise: e, signerNames, accounts, lastFailed: t, nextLogin } = result;
  return (
    <>
      <h2>
        {e.nameZh}（{e.regNo}）
      </h2>
      <table class="compare">
        <caption class="muted">
          {t ? `${S.lookupTyped}：${formatDateTime(t.lastFailedAt!)}，${(t.failedChecks ?? []).map((c) => S.checkLabels[c]).join("、")}` : S.lookupNoFailure}
        </caption>
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">{S.lookupFiled}</th>
            {t && <th scope="col">{S.lookupTyped}</th>}
            {t && <th scope="col">核对</th>}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">贸促会编码</th>
            <td>{e.officeCode}</td>
            {t && <td>{t.officeCode}</td>}
            {t && <Verdict same={normalizeCode(t.officeCode) === e.officeCode} />}
          </tr>
          <tr>
            <th scope="row">{S.regNo}</th>
            <td>{e.regNo}</td>
            {t && <td>{t.regNo}</td>}
            {t && <Verdict same={normalizeCode(t.regNo) === normalizeCode(e.regNo)} />}
          </tr>
          <tr>
            <th scope="row">{S.enterpriseName}</th>
            <td>
              {e.nameZh}
              <br />
              <span lang="en">{e.nameEn}</span>
            </td>
            {t && <td>{t.enterpriseName}</td>}
            {t && <Verdict same={sameName(t.enterpriseName, e.nameZh) || sameName(t.enterpriseName, e.nameEn)} />}
          </tr>
          <tr>
            <th scope="row">{S.signerName}</th>
            <td>{signerNames.length ? signerNames.join("、") : "（无）"}</td>
            {t && <td>{t.signerName}</td>}
            {t && <Verdict same={signerNames.some((s) => sameName(s, t.signerName))} />}
          </tr>
          {t?.login && (
            <tr>
              <th scope="row">{S.login}</th>
              <td></td>
              <td>{t.login}</td>
              <td></td>
            </tr>
          )}
          {t?.mobile && (
            <tr>
              <th scope="row">{S.mobile}</th>
              <td></td>
              <td>{maskMobile(t.mobile)}</td>
              <td></td>
            </tr>
          )}
        </tbody>
      </table>
      <h2>{S.lookupAccounts}</h2>
      {accounts.length === 0 ? (
        <p>{S.lookupNoAccounts}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{S.login}</th>
              <th scope="col">{S.mobile}</th>
              <th scope="col">注册时间</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr>
                <td>{a.login}</td>
                <td>{a.mobile ? maskMobile(a.mobile) : "—"}</td>
                <td>{formatDateTime(a.createdAt)}</td>
                <td>{a.active ? "启用" : "停用"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{S.lookupNextLogin(nextLogin)}</p>
    </>
  );
}
