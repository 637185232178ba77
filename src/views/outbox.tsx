import type { Child } from "hono/jsx";
import { formatDateTime } from "../lib/time.ts";

/** One column of an outbox after its time: the header, the cell's class (for tests and styles) and its content. */
export type OutboxColumn<T> = { header: string; class?: string; cell: (message: T) => Child };

/**
 * An outbox page (邮件发件箱, 短信发件箱): messages kept instead of sent while no provider is set up,
 * newest first, each with its time and the page's own columns.
 */
export function OutboxTable<T extends { createdAt: Date }>(props: {
  id: string;
  title: string;
  intro: string;
  empty: string;
  columns: readonly OutboxColumn<T>[];
  messages: readonly T[];
}) {
  return (
    <section aria-labelledby={props.id}>
      <h1 id={props.id}>{props.title}</h1>
      <p class="muted">{props.intro}</p>
      {props.messages.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">时间</th>
              {props.columns.map((col) => (
                <th scope="col">{col.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.messages.map((m) => (
              <tr>
                <td>
                  <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                </td>
                {props.columns.map((col) => (
                  <td class={col.class}>{col.cell(m)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
