import { OutboxTable, type OutboxColumn } from "../../../views/outbox.tsx";
import { NOTIFY_M } from "../messages.ts";
import type { emailOutbox } from "../schema.ts";

type Mail = typeof emailOutbox.$inferSelect;

const COLUMNS: OutboxColumn<Mail>[] = [
  { header: "收件人", class: "mail-to", cell: (m) => m.to },
  { header: "主题", class: "mail-subject", cell: (m) => m.subject },
  { header: "内容", class: "mail-text", cell: (m) => m.text },
];

/** 邮件发件箱: what would have been mailed while no SMTP server is configured (like 短信发件箱). */
export function EmailOutboxPage({ messages }: { messages: Mail[] }) {
  return (
    <OutboxTable
      id="email-outbox-title"
      title={NOTIFY_M.emailOutboxTitle}
      intro={NOTIFY_M.emailOutboxIntro}
      empty={NOTIFY_M.emailOutboxEmpty}
      columns={COLUMNS}
      messages={messages}
    />
  );
}
