// The EDI API reference (/api/v1/docs): Scalar's viewer over the generated OpenAPI document, with
// nothing fetched from outside (no web fonts, no telemetry; the page's CSP allows only this origin).
Scalar.createApiReference("#api-reference", {
  url: document.getElementById("api-reference").dataset.url,
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: "never",
});
