// Preloaded by bun test (bunfig.toml): keep the output to the runner's own lines and real problems.
import { setLogLevel } from "../src/lib/log.ts";

setLogLevel((process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error");
