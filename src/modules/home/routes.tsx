import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { allow, isOfficeRole } from "../accounts/index.ts";
import { getEnterpriseProfile, getOfficeSummary } from "../registration/index.ts";
import { renderPage } from "../../views/render.tsx";
import { EnterpriseHome, OfficeHome } from "./views/home.tsx";

export const homeRoutes = new Hono<AppEnv>()
  .get("/", allow("public"), (c) => {
    const user = c.var.user;
    if (!user) return c.redirect("/sign-in", 303);
    return c.redirect(isOfficeRole(user.role) ? "/office" : "/home", 303);
  })
  .get("/home", allow("enterprise"), async (c) => {
    const profile = await getEnterpriseProfile({ db: c.var.db, enterpriseId: c.var.user!.enterpriseId! });
    return renderPage(c, "用户首页", <EnterpriseHome profile={profile} />);
  })
  .get("/office", allow("office_admin", "office_reviewer", "print_clerk"), async (c) => {
    const summary = await getOfficeSummary({ db: c.var.db, officeCode: c.var.user!.officeCode! });
    return renderPage(c, "工作台", <OfficeHome summary={summary} />);
  });
