import { OutboxTable, type OutboxColumn } from "../../../views/outbox.tsx";
import type { smsOutbox } from "../schema.ts";
import { SMS_M } from "../messages.ts";

type Sms = typeof smsOutbox.$inferSelect;

const COLUMNS: OutboxColumn<Sms>[] = [
  { header: "手机号", class: "sms-to", cell: (m) => m.to },
  { header: "用途", cell: (m) => SMS_M.purposeLabels[m.purpose] },
  { header: "内容", class: "sms-text", cell: (m) => m.text },
];

/** 短信发件箱: the texts kept here while no SMS provider is connected (like 邮件发件箱). */
export function OutboxPage({ messages }: { messages: Sms[] }) {
  return <OutboxTable id="outbox-title" title={SMS_M.outboxTitle} intro={SMS_M.outboxIntro} empty={SMS_M.outboxEmpty} columns={COLUMNS} messages={messages} />;
}
