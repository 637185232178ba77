/**
 * Loads a realistic certificate volume into a fresh PostgreSQL database for the `certificates`
 * bench: offices, enterprises with a hand-signer each, and `count` certificates (3–5 goods lines in
 * the body, three years of dates, a status mix that depends on age, importers drawn from each
 * enterprise's own trading partners) with their history.
 *
 * Everything is generated inside PostgreSQL (INSERT … SELECT over generate_series, in batches on
 * two connections), so this process holds no rows and its memory stays flat. Values come from
 * hashes of the row number, not random(): the same database every run. The table's secondary
 * indexes are dropped during the load and rebuilt afterwards from their own definitions, which is
 * several times faster than maintaining them row by row.
 */
import postgres from "postgres";
import { openDatabase } from "../src/db/client.ts";

// biome-ignore format: a data table, laid out by hand
export const BENCH_OFFICES = [
  { code: "1100B0", nameZh: "北京市贸促会", nameEn: "CCPIT BEIJING" },
  { code: "3100B0", nameZh: "上海市贸促会", nameEn: "CCPIT SHANGHAI" },
  { code: "4400B0", nameZh: "广东省贸促会", nameEn: "CCPIT GUANGDONG" },
  { code: "3300B0", nameZh: "浙江省贸促会", nameEn: "CCPIT ZHEJIANG" },
] as const;

// biome-ignore format: a data table, laid out by hand
const PREFIXES = ["PACIFIC", "GLOBAL", "NORDIC", "ATLANTIC", "SUNRISE", "GOLDEN", "ROYAL", "UNITED", "EURO", "ASIA", "OCEAN", "SILVER", "GREEN", "BLUE STAR", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CROWN", "EAGLE", "LOTUS", "MAPLE", "ALPINE", "CORAL", "DELTA", "HORIZON", "IMPERIAL", "LIBERTY", "METRO", "NOVA", "OMEGA", "PRIME", "RAINBOW", "SAPPHIRE", "SUMMIT", "TITAN", "VICTORIA", "ZENITH", "ORIENT", "CASCADE"];
/** Distinctive name parts: a search for one finds about 1/200 of the certificates. */
// biome-ignore format: a data table, laid out by hand
export const IMPORTER_CORES = [
  "KOWALSKI", "TANAKA", "MUELLER", "ROSSI", "GARCIA", "NGUYEN", "JOHANSSON", "OKAFOR", "SILVA", "DUBOIS", "KIM", "PETROV", "HANSEN", "MARTINEZ", "SUZUKI", "SCHMIDT", "BIANCHI", "LOPEZ", "TRAN", "LARSSON",
  "ADEYEMI", "SANTOS", "LAURENT", "PARK", "IVANOV", "NIELSEN", "HERNANDEZ", "WATANABE", "FISCHER", "ROMANO", "GONZALEZ", "PHAM", "ERIKSSON", "OKONKWO", "PEREIRA", "MOREAU", "CHOI", "SOKOLOV", "JENSEN", "RODRIGUEZ",
  "YAMAMOTO", "WEBER", "COLOMBO", "SANCHEZ", "HOANG", "NILSSON", "BALOGUN", "COSTA", "SIMON", "JUNG", "KUZNETSOV", "PEDERSEN", "RAMIREZ", "NAKAMURA", "MEYER", "RICCI", "TORRES", "HUYNH", "PERSSON", "EZE",
  "OLIVEIRA", "MICHEL", "KANG", "POPOV", "ANDERSEN", "FLORES", "KOBAYASHI", "WAGNER", "MARINO", "RIVERA", "VU", "SVENSSON", "NWOSU", "SOUZA", "LEFEBVRE", "CHO", "LEBEDEV", "CHRISTENSEN", "GOMEZ", "KATO",
  "BECKER", "GRECO", "DIAZ", "DANG", "GUSTAFSSON", "IBRAHIM", "RODRIGUES", "LEROY", "YOON", "KOZLOV", "LARSEN", "MORALES", "YOSHIDA", "SCHULZ", "BRUNO", "REYES", "BUI", "PETTERSSON", "MUSA", "ALVES",
  "ROUX", "JANG", "NOVIKOV", "SORENSEN", "CRUZ", "YAMADA", "HOFFMANN", "GALLO", "ORTIZ", "DO", "JONSSON", "BELLO", "LIMA", "DAVID", "LIM", "MOROZOV", "RASMUSSEN", "GUTIERREZ", "SASAKI", "KOCH",
  "CONTI", "CASTILLO", "NGO", "LINDBERG", "ABUBAKAR", "CARVALHO", "BERTRAND", "HAN", "VOLKOV", "JORGENSEN", "CHAVEZ", "YAMAGUCHI", "RICHTER", "DELUCA", "RUIZ", "DUONG", "LINDQVIST", "OGUNLEYE", "GOMES", "MOREL",
  "OH", "SOLOVYOV", "MADSEN", "RAMOS", "MATSUMOTO", "KLEIN", "MANCINI", "ALVAREZ", "LY", "AXELSSON", "ADEBAYO", "RIBEIRO", "FOURNIER", "SEO", "VASILIEV", "KRISTENSEN", "MENDOZA", "INOUE", "WOLF", "COSTANZO",
  "MORENO", "TRUONG", "BERG", "UCHE", "MARTINS", "GIRARD", "SHIN", "ZAITSEV", "OLSEN", "HERRERA", "KIMURA", "SCHROEDER", "LOMBARDI", "MUNOZ", "LAM", "LUNDQVIST", "OBI", "FERREIRA", "BONNET", "KWON",
  "PAVLOV", "THOMSEN", "MEDINA", "HAYASHI", "NEUMANN", "MORETTI", "ROMERO", "MAI", "MATTSSON", "CHUKWU", "BARBOSA", "DUPONT", "HWANG", "SEMYONOV", "POULSEN", "AGUILAR", "SHIMIZU", "SCHWARZ", "BARBIERI", "VARGAS",
];
// biome-ignore format: a data table, laid out by hand
const SUFFIXES = ["TRADING LTD", "IMPORTS PTY LTD", "GMBH", "S.A.", "CO., LTD.", "LLC", "INC.", "B.V.", "S.R.L.", "AB", "CORPORATION", "DISTRIBUTION SDN BHD"];
// biome-ignore format: a data table, laid out by hand
const COUNTRIES = ["US", "JP", "KR", "DE", "AU", "GB", "TH", "VN", "SG", "NZ", "FR", "IT", "NL", "MY", "ID", "PH", "CL", "PE", "CR", "CH", "ES", "CA", "AE", "BR"];
/** Type mix: general certificates dominate; ASEAN, RCEP and the big bilateral agreements follow. */
// biome-ignore format: a data table, laid out by hand
const TYPES = ["GENERAL", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "ACFTA", "ACFTA", "RCEP", "RCEP", "CHAFTA", "CNKR", "APTA", "CNNZ", "CNSG", "CEPA_HK"];
// biome-ignore format: a data table, laid out by hand
const GOODS = [
  ["WORKING GLOVES", "6116100000"], ["LED LAMPS", "9405420000"], ["STEEL PIPES", "7306300000"], ["COTTON T-SHIRTS", "6109100000"], ["CERAMIC TILES", "6907210000"],
  ["BALL BEARINGS", "8482100000"], ["PLASTIC BOTTLES", "3923300000"], ["WOODEN FURNITURE", "9403600000"], ["ELECTRIC FANS", "8414510000"], ["ALUMINIUM FOIL", "7607110000"],
  ["CANNED MUSHROOMS", "2003101100"], ["GREEN TEA", "0902109000"], ["SOLAR PANELS", "8541430000"], ["BICYCLE PARTS", "8714990000"], ["GLASS JARS", "7013490000"],
  ["LEATHER SHOES", "6403990000"], ["COPPER WIRE", "7408110000"], ["PAPER BOXES", "4819100000"], ["GARDEN TOOLS", "8201900000"], ["TOYS", "9503008900"],
];
// biome-ignore format: a data table, laid out by hand
const RETURN_REASONS = ["货物描述与发票不符，请核对。", "运输路线填写有误。", "原产地标准与商品备案不一致。", "收货人地址不完整。", "请补充实际船名航次。"];

const arr = (items: readonly string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(",")}]`;
/** A value in [0, 1) from row number i and salt n, the same every run. */
const r = (n: number) => `((hashint8(i * 16 + ${n}) & 2147483647)::float8 / 2147483648)`;

/** The importer an enterprise's k-th trading partner is called (also used by the bench to pick searches). */
export function importerSql(e: string, k: string) {
  return `(${arr(PREFIXES)})[1 + (${e} * 7 + ${k} * 3) % ${PREFIXES.length}] || ' ' || (${arr(IMPORTER_CORES)})[1 + (${e} * 13 + ${k} * 29) % ${IMPORTER_CORES.length}] || ' ' || (${arr(SUFFIXES)})[1 + (${e} + ${k} * 5) % ${SUFFIXES.length}]`;
}

export const benchEnterpriseId = (e: number) => `bench-ent-${String(e).padStart(4, "0")}`;

function certificateBatchSql(lo: number, hi: number, enterprises: number, now: string) {
  const line = (g: number) => `jsonb_build_object(
      'marks', 'N/M', 'packages', jsonb_build_object('count', 10 + (i + ${g}) % 300, 'kind', 'CARTONS'),
      'description', (${arr(GOODS.map((x) => x[0]!))})[1 + (i + ${g} * 7) % ${GOODS.length}],
      'hsCode', (${arr(GOODS.map((x) => x[1]!))})[1 + (i + ${g} * 7) % ${GOODS.length}],
      'quantity', jsonb_build_object('value', 100 * ${g} + i % 900, 'unit', 'PCS'),
      'grossWeightKg', round((50 + (i * ${g}) % 2000)::numeric / 2, 1),
      'value', x.v${g})`;
  return `
insert into certificates (id, enterprise_id, office_code, type, print_mode, status, source, application_no, number, body, problems,
  invoice_no, invoice_date, invoice_amount, importer_name, destination_country, hand_signer, remarks, visa_point,
  print_count, return_reason, void_reason, created_by, created_at, updated_at, sent_at, approved_at, issued_at, voided_at)
select
  'bench-cert-' || i, e.id, e.office_code, x.type, x.print_mode, x.status, x.source,
  to_char(x.created_at, 'YYYY') || lpad(i::text, 9, '0'),
  case when x.status in ('APPROVED', 'ISSUED', 'VOIDED', 'REPLACED') then x.type_letter || to_char(x.created_at, 'YY') || lpad(i::text, 9, '0') end,
  jsonb_build_object(
    'type', x.type, 'printMode', x.print_mode, 'localPrint', false, 'printSeal', false, 'copies', 2, 'handSigner', s.name,
    'exporter', jsonb_build_object('name', e.name_en, 'address', e.address_en),
    'producer', jsonb_build_object('name', 'SAME', 'address', ''),
    'consignee', jsonb_build_object('name', x.importer, 'address', (i % 500 + 1) || ' HARBOUR STREET', 'country', x.dest),
    'destinationCountry', x.dest,
    'transport', jsonb_build_object('from', jsonb_build_object('country', 'CN', 'port', 'SHANGHAI'), 'to', jsonb_build_object('country', x.dest, 'port', null),
      'via', null, 'mode', 'SEA', 'departureDate', x.invoice_date + 3, 'vessel', 'COSCO STAR V.' || (i % 900), 'routeText', null),
    'invoice', jsonb_build_object('number', x.invoice_no, 'date', x.invoice_date, 'currency', 'USD'),
    'goods', case x.lines when 3 then jsonb_build_array(${line(1)}, ${line(2)}, ${line(3)})
                          when 4 then jsonb_build_array(${line(1)}, ${line(2)}, ${line(3)}, ${line(4)})
                          else jsonb_build_array(${line(1)}, ${line(2)}, ${line(3)}, ${line(4)}, ${line(5)}) end,
    'remarks', x.remarks, 'exportCustoms', '2200', 'declarationNo', null),
  case when x.status = 'DRAFT' and i % 3 = 0
    then '[{"rule":"REQUIRED","field":"transport.departureDate","severity":"error","message":"出运日期未填写。","hint":"请填写预计或实际出运日期，系统据此判断是否后补签发。"}]'::jsonb
    else '[]'::jsonb end,
  x.invoice_no, x.invoice_date,
  x.v1 + x.v2 + x.v3 + case when x.lines >= 4 then x.v4 else 0 end + case when x.lines = 5 then x.v5 else 0 end,
  x.importer, x.dest, s.name, x.remarks, e.visa_point,
  case when x.status in ('ISSUED', 'REPLACED') then 1 + i % 2 else 0 end,
  case when x.status = 'RETURNED' then (${arr(RETURN_REASONS)})[1 + i % ${RETURN_REASONS.length}] end,
  case when x.status = 'VOIDED' then '企业申请作废' end,
  null, x.created_at,
  x.created_at + case when x.status = 'DRAFT' then interval '10 minutes' else interval '1 day' end,
  case when x.status <> 'DRAFT' then x.created_at + interval '1 hour' end,
  case when x.status in ('APPROVED', 'ISSUED', 'VOIDED', 'REPLACED') then x.created_at + interval '4 hours' end,
  case when x.status in ('ISSUED', 'REPLACED') then x.created_at + interval '1 day' end,
  case when x.status = 'VOIDED' then x.created_at + interval '1 day' end
from generate_series(${lo}, ${hi}) i
cross join lateral (
  select
    floor(${enterprises} * power(${r(1)}, 2))::int as e,
    ${r(2)} as r_status, ${r(3)} * 1095 as age_days, ${r(4)} as r_type, (${r(5)} * 24)::int as k
) h
cross join lateral (
  select *,
    case when y.age_days < 7 then
           case when y.r_status < 0.25 then 'DRAFT' when y.r_status < 0.5 then 'PENDING' when y.r_status < 0.6 then 'RETURNED' when y.r_status < 0.8 then 'APPROVED' else 'ISSUED' end
         else
           case when y.r_status < 0.015 then 'DRAFT' when y.r_status < 0.02 then 'RETURNED' when y.r_status < 0.025 then 'APPROVED'
                when y.r_status < 0.055 then 'VOIDED' when y.r_status < 0.075 then 'REPLACED' else 'ISSUED' end
    end::certificate_status as status
  from (
    select h.e, h.r_status, h.age_days, h.k,
      (${arr(TYPES)})[1 + floor(h.r_type * ${TYPES.length})::int] as type,
      case when i % 10 = 0 then 'PCO' else 'ECO' end as print_mode,
      case when i % 4 = 0 then 'EDI' else 'WEB' end::certificate_source as source,
      '${now}'::timestamptz - h.age_days * interval '1 day' as created_at,
      ('${now}'::timestamptz - h.age_days * interval '1 day')::date - (i % 6) as invoice_date,
      'CI' || to_char('${now}'::timestamptz - h.age_days * interval '1 day', 'YYMM') || '-' || upper(to_hex(i)) as invoice_no,
      ${importerSql("h.e", "h.k")} as importer,
      (${arr(COUNTRIES)})[1 + (h.e * 3 + h.k * 11) % ${COUNTRIES.length}] as dest,
      case when i % 3 = 0 then 'L/C NO. ' || (i % 1000000) end as remarks,
      3 + i % 3 as lines,
      round((100 + (hashint8(i * 16 + 6) & 65535) / 10.0)::numeric, 2) as v1,
      round((100 + (hashint8(i * 16 + 7) & 65535) / 10.0)::numeric, 2) as v2,
      round((100 + (hashint8(i * 16 + 8) & 65535) / 10.0)::numeric, 2) as v3,
      round((100 + (hashint8(i * 16 + 9) & 65535) / 10.0)::numeric, 2) as v4,
      round((100 + (hashint8(i * 16 + 10) & 65535) / 10.0)::numeric, 2) as v5
  ) y
) x0
cross join lateral (select x0.*, case x0.type when 'GENERAL' then 'C' when 'ACFTA' then 'E' when 'RCEP' then 'RC' when 'CHAFTA' then 'A' when 'CNKR' then 'K'
  when 'APTA' then 'B' when 'CNNZ' then 'N' when 'CNSG' then 'X' else 'HK' end as type_letter) x
join enterprises e on e.id = 'bench-ent-' || lpad(x.e::text, 4, '0')
join hand_signers s on s.id = 'bench-signer-' || lpad(x.e::text, 4, '0')`;
}

export type LoadOptions = { database: string; count: number; enterprises: number; batch?: number; log?: (line: string) => void };

/** Creates `database` afresh (dropping it first), migrates it and loads the data. Returns seconds per phase. */
export async function loadBenchDatabase({ database, count, enterprises, batch = 25_000, log = console.log }: LoadOptions) {
  const host = process.env.PGHOST ?? "/var/run/postgresql";
  const user = process.env.PGUSER ?? "postgres";
  const admin = postgres({ host, user, database: "postgres", max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  await admin.end();

  // Two connections: migrate() holds one for its advisory lock while the migrator runs on the other (with one, it waits forever).
  const migrated = openDatabase({ kind: "postgres", options: { host, user, database, max: 2 } });
  await migrated.migrate();
  await migrated.close();

  // Two loader connections (two cores); their own session settings only: no fsync wait per batch,
  // no triggers (the foreign keys: the generator joins to the enterprises it references; the status
  // tally: summed once after the load), large sort memory.
  const sql = postgres({
    host,
    user,
    database,
    max: 2,
    onnotice: () => {},
    connection: { synchronous_commit: "off", session_replication_role: "replica", maintenance_work_mem: "512MB", work_mem: "64MB" },
  });
  const phases: Record<string, number> = {};
  const phase = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    phases[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${phases[name]!.toFixed(1)} s`);
  };

  try {
    await phase("offices, enterprises, hand-signers", async () => {
      for (const o of BENCH_OFFICES) await sql`insert into offices (code, name_zh, name_en) values (${o.code}, ${o.nameZh}, ${o.nameEn})`;
      const offices = arr(BENCH_OFFICES.map((o) => o.code));
      await sql.unsafe(`
        insert into enterprises (id, office_code, reg_no, name_zh, name_en, address_en, visa_point, small_micro)
        select 'bench-ent-' || lpad(e::text, 4, '0'), o, left(o, 4) || 'B' || lpad(e::text, 4, '0'), '基准出口企业' || e || '号有限公司',
               'BENCH EXPORT NO.' || e || ' CO., LTD.', 'NO.' || (e + 1) || ' BENCH ROAD, PUDONG, SHANGHAI, CHINA', o, e % 5 = 0
        from generate_series(0, ${enterprises - 1}) e, lateral (select (${offices})[1 + e % ${BENCH_OFFICES.length}] as o) x`);
      await sql.unsafe(`
        insert into hand_signers (id, enterprise_id, name, name_latin, is_default)
        select 'bench-signer-' || lpad(e::text, 4, '0'), 'bench-ent-' || lpad(e::text, 4, '0'), '签字人' || e, 'SIGNER ' || e, true from generate_series(0, ${enterprises - 1}) e`);
    });

    const indexes = await sql<{ name: string; def: string }[]>`
      select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename in ('certificates', 'certificate_history') and indexname not like '%_pkey'`;
    await phase(`drop ${indexes.length} secondary indexes`, () => Promise.all(indexes.map((ix) => sql.unsafe(`drop index "${ix.name}"`))));

    const now = new Date().toISOString();
    await phase(`certificates (${count.toLocaleString("en")})`, async () => {
      let next = 1;
      const worker = async () => {
        while (next <= count) {
          const lo = next;
          next += batch;
          await sql.unsafe(certificateBatchSql(lo, Math.min(count, lo + batch - 1), enterprises, now));
        }
      };
      await Promise.all([worker(), worker()]);
    });

    await phase("history", () =>
      Promise.all([
        sql.unsafe(`insert into certificate_history (certificate_id, at, status, by, note)
          select id, created_at, 'DRAFT', '基准数据', case when source = 'EDI' then 'EDI 接口提交' end from certificates`),
        sql
          .unsafe(`insert into certificate_history (certificate_id, at, status, by)
          select id, sent_at, 'PENDING', '基准数据' from certificates where sent_at is not null`)
          .then(() =>
            sql.unsafe(`insert into certificate_history (certificate_id, at, status, by, note)
            select id, updated_at, status, '基准审核员', return_reason from certificates where status not in ('DRAFT', 'PENDING')`),
          ),
      ]),
    );

    // session_replication_role = replica kept the triggers of the status tally (0021) and the importer
    // names (0022) quiet too: what those migrations write for the certificates already there.
    await phase("status tally, importer names", () =>
      Promise.all([
        sql.unsafe(`insert into certificate_status_tally (enterprise_id, status, n, folded)
          select enterprise_id, status, count(*)::int, true from certificates group by enterprise_id, status`),
        sql.unsafe(`insert into certificate_importers (office_code, importer_name)
          select distinct office_code, importer_name from certificates where importer_name <> ''`),
      ]),
    );
    await phase(`rebuild ${indexes.length} indexes`, async () => {
      const queue = [...indexes].sort((a, b) => Number(b.def.includes("gin")) - Number(a.def.includes("gin")));
      const worker = async () => {
        for (let ix = queue.shift(); ix; ix = queue.shift()) await sql.unsafe(ix.def);
      };
      await Promise.all([worker(), worker()]);
    });

    await phase("vacuum analyze", async () => {
      await sql.unsafe("vacuum (analyze) certificates");
      await sql.unsafe("vacuum (analyze) certificate_history");
      await sql.unsafe("analyze enterprises");
      await sql.unsafe("vacuum (analyze) certificate_importers");
      await sql.unsafe("analyze hand_signers");
    });
    // The load leaves ~2 GB of dirty pages that the checkpointer would write out during the
    // measurements (spread over minutes): written now, the bench measures a quiet server.
    await phase("checkpoint", () => sql.unsafe("checkpoint"));
    // New applications continue after the generated numbers.
    await sql.unsafe(`select setval('application_no_seq', ${count + 1_000_000})`);
    const [size] = await sql<{ table: string; total: string }[]>`
      select pg_size_pretty(pg_relation_size('certificates')) as table, pg_size_pretty(pg_total_relation_size('certificates')) as total`;
    log(`  certificates table ${size!.table}, with indexes and TOAST ${size!.total}`);
  } finally {
    await sql.end();
  }
  return phases;
}

/** Drops the bench database (at the end of the run, and when it fails). */
export async function dropBenchDatabase(database: string) {
  const admin = postgres({
    host: process.env.PGHOST ?? "/var/run/postgresql",
    user: process.env.PGUSER ?? "postgres",
    database: "postgres",
    max: 1,
    onnotice: () => {},
  });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.end();
}
