// `bun run bench [scenario…]`: prints figures. With no argument every scenario runs.
import { benchCertificateForm } from "./certificate-form.ts";
import { benchCommercial } from "./commercial.ts";
import { benchDesk } from "./desk.ts";
import { benchCertificates } from "./certificates.ts";
import { benchFoundation } from "./foundation.ts";
import { benchHostileImages } from "./hostile-images.ts";
import { benchNotifications } from "./notifications.ts";
import { benchPrint } from "./print.ts";
import { benchPrintJobs } from "./print-jobs.ts";
import { benchSigning } from "./signing.ts";
import { benchWebhooks } from "./webhooks.ts";
import { benchXlsxImport } from "./xlsx-import.ts";

const scenarios: Record<string, () => Promise<void>> = {
  foundation: benchFoundation,
  print: benchPrint,
  "certificate-form": benchCertificateForm,
  desk: benchDesk,
  certificates: benchCertificates,
  "print-jobs": benchPrintJobs,
  "hostile-images": benchHostileImages,
  signing: benchSigning,
  "xlsx-import": benchXlsxImport,
  commercial: benchCommercial,
  webhooks: benchWebhooks,
  notifications: benchNotifications,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(scenarios)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
