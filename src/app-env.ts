import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { EventBus, EventMap } from "./lib/events.ts";

/**
 * The contract between the app and its slices; it imports no slice (slices import it), so the
 * import graph has no circle. Accounts store the roles, access control reads them.
 */
export const ROLES = ["enterprise", "office_admin", "office_reviewer", "print_clerk"] as const;
export type Role = (typeof ROLES)[number];

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

export type AppEnv = {
  Variables: {
    db: Db;
    config: Config;
    /**
     * The event bus (job status and other reactions across slices and processes). Typed here by
     * the bare event map; each slice's services take the bus typed by that slice's events, and
     * the full map (src/app-events.ts) is checked where the bus starts.
     */
    events: EventBus<EventMap>;
    requestId: string;
    user: CurrentUser | null;
    sessionId: string | null;
    /** The password was right but the second factor is still owed: only "any_session" routes answer. */
    twoFactorPending: boolean;
    csrfToken: string;
    /** The signed-in person's unread notifications, counted only if a page shell asks (src/views/layout.tsx). */
    unreadNotifications: (() => Promise<number>) | undefined;
    /** Set by `allow(...)`: the roles the matched route admits. Unset means the route forgot to say: denied. */
    access: Access | undefined;
  };
};
