// Certificate form (制单) helpers that htmx attributes cannot express; see
// src/modules/certificates/views/form.tsx. Loaded once per page, from the page itself.
(() => {
  if (window.origoCertificateForm) return;
  window.origoCertificateForm = true;
  const fromForm = (ctx) => ctx && ctx.request && ctx.request.form && ctx.request.form.id === "cert-form";

  // Requests from the form wait in one queue (hx-sync). Each carries the revision current when it is
  // sent, not when it was queued, so the page never refuses its own earlier save as stale; a save
  // from another tab still makes it stale.
  document.addEventListener("htmx:before:request", (e) => {
    const ctx = e.detail && e.detail.ctx;
    if (!fromForm(ctx)) return;
    const revision = document.getElementById("f-revision");
    const body = ctx.request.body;
    if (revision && body && typeof body.set === "function") body.set("revision", revision.value);
  });

  // An expired session must not navigate away from unsaved work: say so where the autosave reports.
  document.addEventListener("htmx:before:response", (e) => {
    const ctx = e.detail && e.detail.ctx;
    if (!fromForm(ctx) || ctx.response.status !== 401) return;
    e.preventDefault();
    const status = document.getElementById("autosave-status");
    if (status) {
      status.textContent = status.dataset.sessionExpired || "";
      status.classList.add("failed");
    }
  });
})();
