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
  const inFlight = new Set();
  // Once the form is really submitted (a page load), no autosave may follow it: leaving a field on
  // the way to 发送 schedules one, and if it reaches the server after the send it is refused (409,
  // no longer editable) while the page is still leaving.
  let leaving = false;
  window.addEventListener("pageshow", () => (leaving = false));
  document.addEventListener("htmx:before:request", (e) => {
    const ctx = e.detail && e.detail.ctx;
    if (!fromForm(ctx)) return;
    if (leaving) return e.preventDefault();
    inFlight.add(ctx);
  });
  // htmx fires this on the document when the source element left the page (an op button's own form swapped).
  document.addEventListener("htmx:finally:request", (e) => inFlight.delete(e.detail && e.detail.ctx));
  document.addEventListener("submit", (e) => {
    const form = e.target;
    // Buttons with their own hx-post (检查, the op buttons) are sent by htmx, in the form's queue.
    if (!(form instanceof HTMLFormElement) || form.id !== "cert-form" || e.defaultPrevented || (e.submitter && e.submitter.hasAttribute("hx-post"))) return;
    if (inFlight.size === 0) {
      leaving = true;
      return;
    }
    e.preventDefault();
    const submitter = e.submitter;
    const retry = () => {
      if (inFlight.size > 0) return setTimeout(retry, 50);
      // The form may have been swapped by the answer: submit the one now in the page, same button.
      const current = document.getElementById("cert-form");
      if (!current) return;
      const same =
        submitter && submitter.form === current
          ? submitter
          : submitter && [...current.querySelectorAll("button[type=submit]")].find((b) => b.getAttribute("formaction") === submitter.getAttribute("formaction") && b.name === submitter.name && b.value === submitter.value);
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
// were left in the form's `touched` field, which every save and check posts. Leaving a field for the
// first time asks for the live check at once, even when nothing was typed (no `change` then): the
// form's own change trigger, so a real change on the same blur makes one request, not two. An
// unchanged form is not written again (the autosave only checks it).
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
    field.form.dispatchEvent(new Event("change"));
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
