// Prints the OpenAPI document of the EDI API without a server or a database: the routes are built
// and asked for /api/v1/openapi.json in-process. `bun run lint:openapi` lints what this prints.
import { createApp } from "../src/app.tsx";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/db/client.ts";
import type { EventBus } from "../src/lib/events.ts";
import type { AppEvents } from "../src/app-events.ts";

// The document route touches neither; a request that did would fail loudly here.
const unused = new Proxy(
  {},
  {
    get: (_t, p) => {
      throw new Error(`openapi dump touched ${String(p)}`);
    },
  },
);
const app = createApp({ db: unused as Db, config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "error" }), events: unused as EventBus<AppEvents> });
const res = await app.request("http://localhost/api/v1/openapi.json");
if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
const out = process.argv[2];
const text = JSON.stringify(await res.json(), null, 2);
if (out) await Bun.write(out, text);
else console.log(text);
