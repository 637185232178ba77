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

  // 保存 or 发送 pressed while an autosave is on its way would post the revision the page had before
  // that autosave answered, and be refused as stale. Wait for the page's requests, then submit.
  let inFlight = 0;
  document.addEventListener("htmx:before:request", (e) => {
    if (fromForm(e.detail && e.detail.ctx)) inFlight++;
  });
  document.addEventListener("htmx:finally:request", (e) => {
    if (fromForm(e.detail && e.detail.ctx)) inFlight = Math.max(0, inFlight - 1);
  });
  document.addEventListener("submit", (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || form.id !== "cert-form" || inFlight === 0) return;
    e.preventDefault();
    const submitter = e.submitter;
    const retry = () => {
      if (inFlight > 0) return setTimeout(retry, 50);
      // The form may have been swapped by the answer: submit the one now in the page, same button.
      const current = document.getElementById("cert-form");
      if (!current) return;
      const same = submitter && submitter.formAction && [...current.querySelectorAll("button")].find((b) => b.formAction === submitter.formAction && b.name === submitter.name && b.value === submitter.value);
      current.requestSubmit(same || undefined);
    };
    setTimeout(retry, 50);
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

// A field's problems show once the person has left it (or after 检查/发送): remember which fields
// were left in the form's `touched` field, which every save and check posts.
(() => {
  if (window.origoCertificateTouched) return;
  window.origoCertificateTouched = true;
  document.addEventListener("focusout", (e) => {
    const field = e.target;
    const touched = document.getElementById("f-touched");
    if (!touched || !field.name || !field.form || field.form.id !== "cert-form" || field.type === "hidden" || field.type === "submit") return;
    if (touched.value === "*") return;
    const names = new Set(touched.value.split(",").filter(Boolean));
    if (names.has(field.name)) return;
    names.add(field.name);
    touched.value = [...names].join(",");
  });

  // Live checks replace each field's problem slot (p-…), never the input (typing goes on): bring the
  // input's aria-invalid and its frame's error style in line at once, so a fixed field stops being
  // announced as invalid.
  const sync = () => {
    for (const slot of document.querySelectorAll("#cert-form .field-problems[id^='p-']")) {
      const input = document.getElementById("f-" + slot.id.slice(2));
      if (!input || input.type === "radio") continue;
      const invalid = !!slot.querySelector(".field-error");
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      const frame = input.closest(".field");
      if (frame) frame.classList.toggle("has-error", invalid);
    }
  };
  document.addEventListener("htmx:after:swap", sync);
  document.addEventListener("htmx:after:settle", sync);
})();
