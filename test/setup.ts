// Preloaded by bun test (bunfig.toml): keep the output to the runner's own lines and real problems,
// and hash passwords at the test cost (config refuses it in production; PASSWORD_HASHING=standard
// runs the suite at the real cost).
import { loadConfig } from "../src/config.ts";
import { setLogLevel } from "../src/lib/log.ts";
import { setHashingCost } from "../src/lib/passwords.ts";

setLogLevel((process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error");
setHashingCost(loadConfig({ NODE_ENV: "test", PASSWORD_HASHING: process.env.PASSWORD_HASHING }).passwordHashing);
