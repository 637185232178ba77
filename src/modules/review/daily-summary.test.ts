/** 每日待办汇总 against a real database, and through the CLI as an operator's cron runs it. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { startTestApp } from "../../../test/support/app.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { testDbKind } from "../../../test/support/db.ts";
import { userFor } from "../../../test/support/users.ts";
import { notifications } from "../../db/schema.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { createCertificate, sendCertificate } from "../certificates/index.ts";
import { createCommercialDocument, sendCommercialDocument } from "../commercial/index.ts";
import { sendDailySummary } from "./daily-summary.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const summariesOf = async (logins: string[]) => {
  const ids = await Promise.all(logins.map(async (l) => (await userFor(t.db, l)).id));
  return t.db
    .select()
    .from(notifications)
    .where(and(inArray(notifications.accountId, ids), eq(notifications.event, "office.daily_summary")));
};

describe("每日待办汇总", () => {
  test("reaches the office's reviewers and admins once a day with what waits; not print clerks, not other offices", async () => {
    const exporter = await userFor(t.db, "1100A4419");
    const { id } = await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") });
    await sendCertificate({ db: t.db, user: exporter, id });
    for (let i = 0; i < 2; i++) {
      const doc = await createCommercialDocument({
        db: t.db,
        user: exporter,
        input: invoiceFields(),
        file: { bytes: await invoicePdf(1), name: "invoice.pdf" },
      });
      await sendCommercialDocument({ db: t.db, user: exporter, id: doc.id });
    }
    const now = new Date("2026-12-03T00:30:00Z"); // 08:30 in Beijing
    const first = await sendDailySummary({ db: t.db, officeCode: "1100B0", now });
    expect(first.notifications).toBeGreaterThanOrEqual(2);
    const rows = await summariesOf(["reviewer1100", "admin1100"]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.title).toBe("每日待办汇总 2026-12-03");
    expect(rows[0]!.body).toMatch(/原产地证书 eCO-待审：\d+ 份/);
    expect(rows[0]!.body).toContain("等待最久：申请号 ");
    // 商事证明 awaiting review are counted on their own line, not as certificates.
    expect(rows[0]!.body).toMatch(/^待审商事证明：([2-9]|\d{2,}) 份$/m);
    expect(rows[0]!.body).not.toContain("原产地证书 商事证明");
    expect(rows[0]!.link).toBe("/office");
    expect(await summariesOf(["print1100", "reviewer3100"])).toEqual([]);
    // Run again the same day (cron twice, two operators): nothing new.
    expect(await sendDailySummary({ db: t.db, officeCode: "1100B0", now })).toEqual({ notifications: 0, emails: 0, sms: 0 });
    expect(await summariesOf(["reviewer1100", "admin1100"])).toHaveLength(2);
  });

  test.skipIf(testDbKind === "pglite")("the CLI writes it for every office", async () => {
    const root = join(import.meta.dir, "../../..");
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      LOG_LEVEL: "error",
      DATABASE_URL: `postgres://postgres@localhost/${t.database.name}?host=/var/run/postgresql`,
    };
    const p = Bun.spawn(["bun", "run", "src/cli.ts", "notifications", "daily-summary"], { cwd: root, env, stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toMatch(/^1100B0: (\d+ notifications, \d+ e-mails queued|nothing new)/m);
    expect(out).toMatch(/^3100B0: \d+ notifications, 0 e-mails queued$/m);
    expect(await summariesOf(["reviewer3100"])).toHaveLength(1);
  });
});
