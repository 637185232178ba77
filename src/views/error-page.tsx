import { UI } from "./messages.ts";

/** Shown for every error a user can meet; quotes the request id so support can find the log line. */
export function ErrorPanel({ title, message, requestId }: { title: string; message: string; requestId?: string }) {
  return (
    <section class="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      {requestId && (
        <p class="muted">
          {UI.requestId}：<code>{requestId}</code>
        </p>
      )}
      <p>
        <a href="/">{UI.backHome}</a>
      </p>
    </section>
  );
}
