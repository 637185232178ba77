import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { allow, isOfficeRole } from "../accounts/index.ts";
import { countCertificatesByStatus, listCertificatesNeedingAttention, listRecentCertificateActivity } from "../certificates/index.ts";
import { listRejectedFilings } from "../filing/index.ts";
import { getEnterpriseProfile, getOfficeSummary } from "../registration/index.ts";
import { getWorkbench, WorkbenchView } from "../review/index.ts";
import { renderPage } from "../../views/render.tsx";
import { HM } from "./messages.ts";
import { EnterpriseHome, OfficeHome } from "./views/home.tsx";

const ATTENTION_LIMIT = 10;

/** What the enterprise's home page shows, from the slices that own each part. */
async function enterpriseHome(c: Context<AppEnv>) {
  const db = c.var.db;
  const user = c.var.user!;
  const enterpriseId = user.enterpriseId!;
  const [profile, counts, attention, rejectedFilings, activity] = await Promise.all([
    getEnterpriseProfile({ db, enterpriseId }),
    countCertificatesByStatus({ db, user }),
    listCertificatesNeedingAttention({ db, user, limit: ATTENTION_LIMIT }),
    listRejectedFilings({ db, enterpriseId, limit: ATTENTION_LIMIT }),
    listRecentCertificateActivity({ db, user, limit: 10 }),
  ]);
  return { profile, counts, attention, attentionLimit: ATTENTION_LIMIT, rejectedFilings, activity };
}

export const homeRoutes = new Hono<AppEnv>()
  .get("/", allow("public"), (c) => {
    const user = c.var.user;
    if (!user) return c.redirect("/sign-in", 303);
    return c.redirect(isOfficeRole(user.role) ? "/office" : "/home", 303);
  })
  .get("/home", allow("enterprise"), async (c) => {
    return renderPage(c, HM.enterpriseTitle, <EnterpriseHome data={await enterpriseHome(c)} />);
  })
  .get("/office", allow("office_admin", "office_reviewer", "print_clerk"), async (c) => {
    const user = c.var.user!;
    // Reviewers and admins see their waiting work; a print clerk's work is on 打印台.
    const [summary, workbench] = await Promise.all([
      getOfficeSummary({ db: c.var.db, officeCode: user.officeCode! }),
      user.role === "print_clerk" ? null : getWorkbench({ db: c.var.db, user }),
    ]);
    return renderPage(c, HM.officeTitle, <OfficeHome summary={summary} workbench={workbench && <WorkbenchView w={workbench} />} />);
  });
