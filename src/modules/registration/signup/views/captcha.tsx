import type { FieldErrors } from "../../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field } from "../../../../views/components.tsx";
import { S } from "../messages.ts";
import type { LiveAttempt } from "../service.ts";
import { Steps } from "./parts.tsx";

/** Step 2 (图片验证码). Each load of the image is a new challenge; the answer is checked once. */
export function CaptchaForm({ csrfToken, live, errors = {} }: { csrfToken: string; live: LiveAttempt; errors?: FieldErrors }) {
  const bust = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36);
  return (
    <section class="narrow" aria-labelledby="captcha-title">
      <h1 id="captcha-title">{S.title}</h1>
      <Steps current={2} captcha />
      <p>
        {S.verifiedAs}：{live.enterprise.nameZh}（{live.enterprise.regNo}）
      </p>
      <ErrorSummary errors={errors} labels={{ captcha: S.captchaLabel }} />
      <form method="post" action="/register/captcha" novalidate>
        <CsrfField token={csrfToken} />
        <p class="captcha">
          <img src={`/register/captcha.svg?r=${bust}`} alt={S.captchaAlt} width="170" height="64" />
          <a href="/register/captcha">{S.captchaRefresh}</a>
        </p>
        <Field name="captcha" label={S.captchaLabel} hint={S.captchaHint} errors={errors} required autocomplete="off" keepValue={false} />
        <button type="submit" class="primary">
          {S.next}
        </button>
      </form>
    </section>
  );
}
