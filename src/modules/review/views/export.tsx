import { Notice } from "../../../views/components.tsx";
import type { getExport } from "../service.ts";
import { M } from "../messages.ts";

type Export = Awaited<ReturnType<typeof getExport>>;

/**
 * The export's progress. While it runs, htmx replaces it every second with a fresh copy; the copy
 * of a finished export has no trigger, so polling stops by itself. Without JavaScript the refresh
 * link does the same.
 */
export function ExportProgress({ e }: { e: Export }) {
  const base = `/office/certificates/exports/${e.id}`;
  if (e.state === "RUNNING")
    return (
      <div id="export-progress" hx-get={`${base}/progress`} hx-trigger="every 1s" hx-swap="outerHTML">
        <p role="status">{M.exportRunning(e.done, e.total)}</p>
        <progress max={Math.max(1, e.total)} value={e.done} aria-label={M.exportTitle} />
        <p>
          <a href={base}>{M.exportRefresh}</a>
        </p>
      </div>
    );
  if (e.state === "DONE")
    return (
      <div id="export-progress">
        <Notice>{M.exportDone(e.done)}</Notice>
        <p>
          <a class="primary" href={`${base}/file`} download>
            {M.exportDownload(Math.max(1, Math.round(e.byteSize / 1024)))}
          </a>
        </p>
      </div>
    );
  return (
    <div id="export-progress">
      <div class="alert error" role="alert">
        {e.state === "FAILED" ? M.exportFailed : M.exportInterrupted}
      </div>
    </div>
  );
}

export function ExportPage({ e }: { e: Export }) {
  return (
    <section aria-labelledby="export-title">
      <h1 id="export-title">{M.exportTitle}</h1>
      <ExportProgress e={e} />
      <p>
        <a href="/office/certificates">{M.exportBack}</a>
      </p>
    </section>
  );
}
