import { formatDateTime } from "../../../lib/time.ts";
import { NOTIFY_M } from "../messages.ts";
import type { emailOutbox } from "../schema.ts";

/** 邮件发件箱: what would have been mailed while no SMTP server is configured (like 短信发件箱). */
export function EmailOutboxPage({ messages }: { messages: (typeof emailOutbox.$inferSelect)[] }) {
  return (
    <section aria-labelledby="email-outbox-title">
      <h1 id="email-outbox-title">{NOTIFY_M.emailOutboxTitle}</h1>
      <p class="muted">{NOTIFY_M.emailOutboxIntro}</p>
      {messages.length === 0 ? (
        <p>{NOTIFY_M.emailOutboxEmpty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">收件人</th>
              <th scope="col">主题</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr>
                <td>
                  <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                </td>
                <td class="mail-to">{m.to}</td>
                <td class="mail-subject">{m.subject}</td>
                <td class="mail-text">{m.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
