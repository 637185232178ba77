import type { Role } from "../../src/modules/accounts/index.ts";

/** One demo account per role (see src/demo/data.ts), for tests that walk the roles. */
export const DEMO_LOGIN_BY_ROLE: Record<Role, string> = {
  enterprise: "1100A4419",
  office_admin: "admin1100",
  office_reviewer: "reviewer1100",
  print_clerk: "print1100",
};
