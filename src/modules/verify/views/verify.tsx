import type { PublicCertificateFacts } from "../../certificates/index.ts";
import type { PublicCommercialFacts } from "../../commercial/index.ts";
import { CsrfField } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import type { checkUploadedFile } from "../service.ts";

type FileCheck = Awaited<ReturnType<typeof checkUploadedFile>>;

export function VerifyPage({
  number = "",
  code = "",
  facts,
  message,
  csrfToken,
  file,
  fileMessage,
}: {
  number?: string;
  code?: string;
  facts?: PublicCertificateFacts | PublicCommercialFacts | null;
  message?: string;
  csrfToken: string;
  file?: FileCheck;
  fileMessage?: string;
}) {
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
      <h2 id="verify-file-title">{M.fileTitle}</h2>
      <p>{M.fileIntro}</p>
      {fileMessage && (
        <div class="alert error" role="alert">
          {fileMessage}
        </div>
      )}
      <form method="post" action="/verify/file" enctype="multipart/form-data" class="verify-form">
        <CsrfField token={csrfToken} />
        <div class="field">
          <label for="f-file">{M.file}</label>
          <input id="f-file" name="file" type="file" accept="application/pdf,.pdf" required />
        </div>
        <button type="submit" class="primary">
          {M.checkFile}
        </button>
      </form>
      {file && <FileResult file={file} />}
      {facts && "kind" in facts && <CommercialResult facts={facts} />}
      {facts && !("kind" in facts) && (
        <div class="verify-result" role="status">
          <h2>
            {facts.number}：
            <span class={`badge s-${facts.status === "VALID" ? "approved" : "voided"}`}>
              {facts.status === "VALID" ? M.valid : facts.status === "VOIDED" ? M.voided : M.replaced}
            </span>
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
          <h3>{M.documentTitle}</h3>
          {facts.document ? <IssuedFile document={facts.document} /> : <p class="muted">{M.notIssuedYet}</p>}
        </div>
      )}
    </section>
  );
}

/** A commercial document certificate (商事证明书): what was certified, for whom, when, and its state. */
function CommercialResult({ facts }: { facts: PublicCommercialFacts }) {
  return (
    <div class="verify-result" role="status">
      <h2>
        {facts.number}：<span class={`badge s-${facts.status === "VALID" ? "approved" : "voided"}`}>{facts.status === "VALID" ? M.valid : M.voided}</span>
      </h2>
      <dl class="facts">
        <dt>{M.type}</dt>
        <dd>{M.commercialType}</dd>
        <dt>{M.certifiedDocument}</dt>
        <dd>
          {facts.documentZh} <span lang="en">{facts.documentEn}</span> No. {facts.documentNo}（{M.pageCount(facts.pages)}）
        </dd>
        <dt>{M.applicant}</dt>
        <dd lang="en">{facts.applicant}</dd>
        <dt>{M.destination}</dt>
        <dd lang="en">{facts.destination}</dd>
        <dt>{M.issueDate}</dt>
        <dd>{facts.issueDate ?? "—"}</dd>
      </dl>
      <h3>{M.documentTitle}</h3>
      {facts.document ? <IssuedFile document={facts.document} /> : <p class="muted">{M.notIssuedYet}</p>}
    </div>
  );
}

function FileResult({ file }: { file: FileCheck }) {
  const s = file.signature;
  const signature =
    s.kind === "unsigned"
      ? M.sigNone
      : s.kind === "invalid"
        ? M.sigInvalid
        : !s.wholeFile
          ? M.sigAppended
          : file.officeCode
            ? M.sigValid(s.chain[0]!.subject)
            : M.sigValidOther;
  return (
    <div class="verify-result" role="status">
      <p>
        <strong>{file.certificateId ? M.issuedCopy : M.notIssuedCopy}</strong>
      </p>
      <p>{signature}</p>
      <p class="muted">
        {M.sha256}: <code>{file.sha256}</code>
      </p>
    </div>
  );
}

function IssuedFile({ document: d }: { document: NonNullable<PublicCertificateFacts["document"]> }) {
  return (
    <dl class="facts">
      <dt>{M.sha256}</dt>
      <dd>
        <code>{d.sha256}</code>
      </dd>
      <dt>{M.signedBy}</dt>
      <dd>
        <ol lang="en">
          {d.chain.map((c) => (
            <li>
              {c.subject}
              <br />
              <span class="muted">
                issuer {c.issuer}; serial {c.serial}; valid {c.notBefore.toISOString().slice(0, 10)} – {c.notAfter.toISOString().slice(0, 10)}; SHA-256{" "}
                {c.sha256}
              </span>
            </li>
          ))}
        </ol>
        {d.selfSigned && <span class="muted">{M.selfSigned}</span>}
      </dd>
    </dl>
  );
}
