import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { EventBus } from "./lib/events.ts";
import type { PrintEvents } from "./modules/print/index.ts";
import type { Role } from "./modules/accounts/rules.ts";

/** The signed-in person as every handler sees them. Office staff have `officeCode`, enterprises `enterpriseId`. */
export type CurrentUser = {
  id: string;
  login: string;
  role: Role;
  displayName: string;
  officeCode: string | null;
  enterpriseId: string | null;
};

/** Who a route admits; "any_session" also admits a session still owing its second factor. */
export type Access = readonly Role[] | "public" | "signed_in" | "any_session";

/** Every slice's events, composed where the bus starts (src/main.ts); see src/lib/events.ts. */
export type AppEvents = PrintEvents;

export type AppEnv = {
  Variables: {
    db: Db;
    config: Config;
    /** The event bus (job status and other reactions across slices and processes). */
    events: EventBus<AppEvents>;
    requestId: string;
    user: CurrentUser | null;
    sessionId: string | null;
    /** The password was right but the second factor is still owed: only "any_session" routes answer. */
    twoFactorPending: boolean;
    csrfToken: string;
    /** Set by `allow(...)`: the roles the matched route admits. Unset means the route forgot to say: denied. */
    access: Access | undefined;
  };
};
