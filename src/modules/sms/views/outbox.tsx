import { formatDateTime } from "../../../lib/time.ts";
import type { smsOutbox } from "../schema.ts";
import { SMS_M } from "../messages.ts";

export function OutboxPage({ messages }: { messages: (typeof smsOutbox.$inferSelect)[] }) {
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{SMS_M.outboxTitle}</h1>
      <p class="muted">{SMS_M.outboxIntro}</p>
      {messages.length === 0 ? (
        <p>{SMS_M.outboxEmpty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">手机号</th>
              <th scope="col">用途</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr>
                <td>
                  <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                </td>
                <td class="sms-to">{m.to}</td>
                <td>{SMS_M.purposeLabels[m.purpose]}</td>
                <td class="sms-text">{m.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
