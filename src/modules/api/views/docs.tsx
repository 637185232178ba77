import { assetUrl } from "../../../lib/static-assets.ts";
import { OPENAPI_PATH } from "../http.ts";
import { M } from "../messages.ts";

/** The API reference page: Scalar over the OpenAPI document, served from our own origin (the CSP allows no other). */
export function ApiDocsPage() {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{M.docsTitle}</title>
      </head>
      <body>
        <div id="api-reference" data-url={OPENAPI_PATH}>
          <noscript>{M.docsNoScript}</noscript>
        </div>
        <script src={assetUrl("vendor/scalar-api-reference.js")} />
        <script src={assetUrl("api-docs.js")} />
      </body>
    </html>
  );
}
