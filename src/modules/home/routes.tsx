import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { allow, isOfficeRole } from "../accounts/index.ts";
import { countCertificatesByStatus, listCertificatesNeedingAttention, listRecentCertificateActivity } from "../certificates/index.ts";
import { listRejectedFilings } from "../filing/index.ts";
import { getEnterpriseProfile, getOfficeSummary } from "../registration/index.ts";
import { renderPage } from "../../views/render.tsx";
import { HM } from "./messages.ts";
import { EnterpriseHome, OfficeHome } from "./views/home.tsx";

const ATTENTION_LIMIT = 10;

export const homeRoutes = new Hono<AppEnv>()
  .get("/", allow("public"), (c) => {
    const user = c.var.user;
    if (!user) return c.redirect("/sign-in", 303);
    return c.redirect(isOfficeRole(user.role) ? "/office" : "/home", 303);
  })
  .get("/home", allow("enterprise"), async (c) => {
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
    return renderPage(c, HM.enterpriseTitle, <EnterpriseHome data={{ profile, counts, attention, attentionLimit: ATTENTION_LIMIT, rejectedFilings, activity }} />);
  })
  .get("/office", allow("office_admin", "office_reviewer", "print_clerk"), async (c) => {
    const summary = await getOfficeSummary({ db: c.var.db, officeCode: c.var.user!.officeCode! });
    return renderPage(c, HM.officeTitle, <OfficeHome summary={summary} />);
  });
