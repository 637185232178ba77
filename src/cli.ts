import { parseArgs } from "node:util";
import { boot } from "./boot.ts";
import { BackupError, exportDatabase, importDatabase } from "./db/backup.ts";
import { loadConfig, p12Passphrase } from "./config.ts";
import { AppError } from "./lib/errors.ts";
import { createApiToken, parseLifetime } from "./modules/api/index.ts";
import { createSigningKey, importSigningKey } from "./modules/endorsement/index.ts";
import { DEMO_TOTP_SECRET } from "./demo/data.ts";
import {
  createAccount,
  findAccountContact,
  generatePassword,
  parseTotpSecret,
  resetPassword,
  resetTwoFactor,
  ROLES,
  totpCode,
  totpStep,
  type Role,
} from "./modules/accounts/index.ts";
import { findEnterpriseByRegNo, listOfficeCodes } from "./modules/registration/index.ts";
import { sendDailySummary } from "./modules/review/index.ts";

/**
 * Operators' command line: `bun run cli <command> [options]`. Uses the same configuration as the
 * server (DATABASE_URL, or the embedded database in DATA_DIR, which it can only open while the
 * server is stopped: the server holds the directory's lock).
 */
const USAGE = `usage:
  bun run cli account create --login LOGIN --role ROLE --name NAME (--office CODE | --enterprise-reg REGNO) [--password PW] [--mobile N]
  bun run cli account reset-password --login LOGIN [--password PW]
  bun run cli token create --account LOGIN [--name NAME] [--expires 30|90|180|365|never]     prints the new EDI API token alone on stdout (expires after 90 days by default)
  bun run cli account reset-two-factor --login LOGIN     (office staff enrol again at next sign-in)
  bun run cli office signing-key create --office CODE     a new self-signed key for the office's PDF signatures
  bun run cli office signing-key import --office CODE --p12 FILE     a CA-issued key and certificate (passphrase in P12_PASSPHRASE)
  bun run cli notifications daily-summary [--office CODE]     today's 每日待办汇总 for the office's reviewers and admins (every office without --office); once a day, a second run writes nothing
  bun run cli demo code     the current sign-in code of the demo office accounts' shared key (demo data only)
  bun run cli db export [--out FILE]     a plain-SQL dump of the embedded database (DATA_DIR; server stopped), to FILE or stdout
  bun run cli db import --file FILE      loads such a dump into the empty PostgreSQL database of DATABASE_URL
roles: ${ROLES.join(", ")}
A password is generated and printed when --password is omitted.`;

const [group, command, ...args] = process.argv.slice(2);
// `office signing-key <action>` has one word more than the other commands.
const action = group === "office" ? args[0] : undefined;
const rest = group === "office" ? args.slice(1) : args;
const { values } = parseArgs({
  args: rest,
  options: {
    login: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    office: { type: "string" },
    "enterprise-reg": { type: "string" },
    password: { type: "string" },
    mobile: { type: "string" },
    account: { type: "string" },
    out: { type: "string" },
    file: { type: "string" },
    p12: { type: "string" },
    expires: { type: "string" },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

// The demo key is public (README); its code is printed for newcomers without an authenticator app.
// It needs no database and opens nothing: real accounts have their own keys.
if (group === "demo" && command === "code") {
  console.log(totpCode(parseTotpSecret(DEMO_TOTP_SECRET), totpStep(new Date())));
  process.exit(0);
}
if (group === "db") {
  if (command === "export") await exportCommand(values.out);
  else if (command === "import") await importCommand(values.file ?? fail(`--file is required\n${USAGE}`));
  else fail(USAGE);
  process.exit(0);
}
if (group === "notifications") {
  if (command !== "daily-summary") fail(USAGE);
  await dailySummaryCommand(values.office);
  process.exit(0);
}
if (!command || (group !== "account" && group !== "token" && group !== "office")) fail(USAGE);
if (group === "office" && (command !== "signing-key" || !(action === "create" || action === "import") || !values.office))
  fail(`--office is required\n${USAGE}`);
if (group === "office" && action === "import" && !values.p12) fail(`--p12 is required\n${USAGE}`);
if (group === "account" && !values.login) fail(`--login is required\n${USAGE}`);
if (group === "token" && (command !== "create" || !values.account)) fail(`--account is required\n${USAGE}`);

const booted = await boot({ withDemo: false });
const db = booted.database.db;
try {
  const password = values.password ?? generatePassword();
  if (group === "office") {
    const { secretKey, officeCode } = { secretKey: booted.config.twoFactorKey, officeCode: values.office! };
    const key =
      action === "create"
        ? await createSigningKey({ db, officeCode, secretKey })
        : await importSigningKey({ db, officeCode, secretKey, p12: new Uint8Array(await Bun.file(values.p12!).arrayBuffer()), passphrase: p12Passphrase() });
    console.log(`${officeCode} now signs with ${key.subject} (valid until ${key.notAfter.toISOString().slice(0, 10)}${key.selfSigned ? ", self-signed" : ""})`);
  } else if (group === "token") {
    const account = await findAccountContact({ db, login: values.account! });
    if (!account) fail(`no account with login ${values.account}`);
    if (account.role !== "enterprise") fail("API tokens belong to enterprise accounts");
    const days = parseLifetime(values.expires);
    if (days === undefined) fail("--expires must be 30, 90, 180, 365 or never");
    const { token } = await createApiToken({ db, accountId: account.id, name: values.name ?? "cli", days });
    console.log(token);
  } else if (command === "create") {
    const role = values.role as Role;
    if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
    if (!values.name) fail("--name is required");
    let enterpriseId: string | null = null;
    if (role === "enterprise") {
      const reg = values["enterprise-reg"] ?? fail("--enterprise-reg is required for an enterprise account");
      const e = await findEnterpriseByRegNo({ db, regNo: reg });
      if (!e) fail(`no enterprise with registration number ${reg}`);
      enterpriseId = e.id;
    } else if (!values.office) fail("--office is required for office staff");
    await createAccount({
      db,
      account: {
        login: values.login!,
        password,
        role,
        displayName: values.name,
        officeCode: values.office ?? null,
        enterpriseId,
        mobile: values.mobile ?? null,
      },
    });
    console.log(`created ${role} account ${values.login}${values.password ? "" : `\npassword: ${password}`}`);
  } else if (command === "reset-password") {
    await resetPassword({ db, login: values.login!, password });
    console.log(`password of ${values.login} reset, lock-out lifted, sessions ended${values.password ? "" : `\npassword: ${password}`}`);
  } else if (command === "reset-two-factor") {
    const account = await findAccountContact({ db, login: values.login! });
    if (!account) fail(`no account with login ${values.login}`);
    await resetTwoFactor({ db, accountId: account.id, by: null });
    console.log(`second factor of ${values.login} reset, sessions ended: it enrols again at its next sign-in`);
  } else fail(USAGE);
} catch (e) {
  if (e instanceof AppError) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
} finally {
  await booted.shutdown();
}

async function exportCommand(out: string | undefined) {
  if (loadConfig().databaseUrl) fail("db export dumps the embedded database (DATA_DIR): unset DATABASE_URL; on PostgreSQL use pg_dump");
  const booted = await boot({ withDemo: false });
  try {
    const dump = await exportDatabase(booted.database);
    if (out) {
      await Bun.write(out, dump);
      console.error(`wrote ${out} (${Math.round(dump.length / 1024)} KB)`);
    } else process.stdout.write(dump);
  } finally {
    await booted.shutdown();
  }
}

async function importCommand(file: string) {
  if (!loadConfig().databaseUrl) fail("db import loads into PostgreSQL: set DATABASE_URL to a new, empty database");
  const dump = await Bun.file(file)
    .text()
    .catch(() => fail(`cannot read ${file}`));
  const booted = await boot({ withDemo: false, migrate: false });
  try {
    await importDatabase(booted.database, dump);
    console.error(`imported ${file}`);
  } catch (e) {
    if (e instanceof BackupError) fail(e.message);
    throw e;
  } finally {
    await booted.shutdown();
  }
}

/** Writes today's summary per office; the app's notification worker sends the e-mail and SMS part (this command sends nothing itself). */
async function dailySummaryCommand(office: string | undefined) {
  const booted = await boot({ withDemo: false });
  try {
    const db = booted.database.db;
    const codes = office ? [office] : await listOfficeCodes({ db });
    for (const officeCode of codes) {
      const { notifications, emails, sms } = await sendDailySummary({ db, officeCode });
      const queued = sms ? `${emails} e-mails, ${sms} SMS queued` : `${emails} e-mails queued`;
      console.log(`${officeCode}: ${notifications ? `${notifications} notifications, ${queued}` : "nothing new (no staff, or already sent today)"}`);
    }
  } finally {
    await booted.shutdown();
  }
}
