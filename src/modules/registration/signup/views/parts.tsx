import { SMS_LIMITS, SMS_M } from "../../../sms/index.ts";
import { S } from "../messages.ts";

/** Where the registrant is: 1 企业登记信息, 2 图片验证码, 3 账户信息. */
export function Steps({ current, captcha }: { current: 1 | 2 | 3; captcha: boolean }) {
  const steps = S.steps.map((label, i) => ({ label, n: (i + 1) as 1 | 2 | 3 })).filter((s) => captcha || s.n !== 2);
  return (
    <ol class="steps" aria-label="注册步骤">
      {steps.map((s) => (
        <li aria-current={s.n === current ? "step" : undefined} class={s.n < current ? "done" : undefined}>
          {s.label}
        </li>
      ))}
    </ol>
  );
}

export type SmsState = { kind: "idle" } | { kind: "sent"; masked: string; resendAt: Date } | { kind: "error"; message: string };

/** Where the SMS code went and when another may be asked for; htmx swaps this box after 获取短信验证码. */
export function SmsStatus({ state, sentText = SMS_M.sent }: { state: SmsState; sentText?: (masked: string) => string }) {
  if (state.kind === "error")
    return (
      <div id="sms-status" class="sms-status alert error" role="alert">
        {state.message}
      </div>
    );
  if (state.kind === "idle") return <div id="sms-status" class="sms-status" role="status"></div>;
  const wait = Math.ceil((state.resendAt.getTime() - Date.now()) / 1000);
  return (
    <div id="sms-status" class="sms-status alert ok" role="status">
      {sentText(state.masked)}
      {wait > 0 && wait <= SMS_LIMITS.cooldownMs / 1000 ? SMS_M.resendAfter(wait) : ""}
    </div>
  );
}
