import type { PublicCertificateFacts } from "../../certificates/index.ts";
import { M } from "../messages.ts";

export function VerifyPage({ number = "", code = "", facts, message }: { number?: string; code?: string; facts?: PublicCertificateFacts | null; message?: string }) {
  return (
    <section class="narrow wide-ok" aria-labelledby="verify-title">
      <h1 id="verify-title">{M.title}</h1>
      <p>{M.intro}</p>
      {message && (
        <div class="alert error" role="alert">
          {message}
        </div>
      )}
      <form method="get" action="/verify" class="verify-form">
        <div class="field">
          <label for="f-no">{M.number}</label>
          <input id="f-no" name="no" value={number} autocomplete="off" required />
        </div>
        <div class="field">
          <label for="f-code">{M.code}</label>
          <input id="f-code" name="code" value={code} autocomplete="off" required />
        </div>
        <button type="submit" class="primary">
          {M.check}
        </button>
      </form>
      {facts && (
        <div class="verify-result" role="status">
          <h2>
            {facts.number}：<span class={`badge s-${facts.status === "VALID" ? "approved" : "voided"}`}>{facts.status === "VALID" ? M.valid : facts.status === "VOIDED" ? M.voided : M.replaced}</span>
          </h2>
          {facts.replacementNumber && <p>{M.replacedBy(facts.replacementNumber)}</p>}
          <dl class="facts">
            <dt>{M.type}</dt>
            <dd>
              {facts.typeZh} <span lang="en">{facts.typeEn}</span>
            </dd>
            <dt>{M.exporter}</dt>
            <dd lang="en">{facts.exporter}</dd>
            <dt>{M.consignee}</dt>
            <dd lang="en">{facts.consignee}</dd>
            <dt>{M.destination}</dt>
            <dd lang="en">{facts.destination}</dd>
            <dt>{M.issueDate}</dt>
            <dd>{facts.issueDate ?? "—"}</dd>
            <dt>{M.goods}</dt>
            <dd>
              <ul lang="en">
                {facts.goods.map((g) => (
                  <li>
                    {g.description} (HS {g.hsCode}) {g.quantity}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
