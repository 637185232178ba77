import { LM } from "../list-messages.ts";
import { listCertificateTypes, REQUIRED_TYPE_CODES, type CertificateType } from "../../registry.ts";

/** `/certificates/new?type=CODE`: the form page starts a certificate of that type. */
export const newCertificateHref = (code: string) => `/certificates/new?type=${encodeURIComponent(code)}`;

function TypeItem({ t }: { t: CertificateType }) {
  return (
    <li>
      <a href={newCertificateHref(t.code)}>{t.nameZh}</a>
      <br />
      <span lang="en">{t.titleEn}</span>
      <span class="muted">
        {" · "}
        {LM.typesLetter} {t.letter}
        {t.agreement.productFiling && ` · ${LM.typesNeedsFiling}`}
      </span>
    </li>
  );
}

/** 创建原产地证书: every certificate type, the thirteen of v1 first, each starting the form of that type. */
export function CertificateTypes() {
  const types = listCertificateTypes();
  const required = types.filter((t) => REQUIRED_TYPE_CODES.includes(t.code));
  const more = types.filter((t) => !REQUIRED_TYPE_CODES.includes(t.code));
  return (
    <section aria-labelledby="types-title">
      <h1 id="types-title">{LM.typesTitle}</h1>
      <p>{LM.typesIntro}</p>
      <h2 id="types-required">{LM.typesRequired}</h2>
      <ul class="type-list" aria-labelledby="types-required">
        {required.map((t) => (
          <TypeItem t={t} />
        ))}
      </ul>
      <h2 id="types-more">{LM.typesMore}</h2>
      <ul class="type-list" aria-labelledby="types-more">
        {more.map((t) => (
          <TypeItem t={t} />
        ))}
      </ul>
    </section>
  );
}
