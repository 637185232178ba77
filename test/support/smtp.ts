/**
 * A real SMTP server on a loopback port (the `smtp-server` package) that keeps every message it
 * accepts, parsed (mailparser), and can be told to refuse the next ones with a reply code, the way
 * a mail server that is busy (4xx) or that refuses a mailbox (5xx) answers, or to hold the next one
 * unanswered (a sender killed while waiting for the reply never gets its message accepted).
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { envelopeTo: string[]; mail: ParsedMail };

export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const refusals: number[] = [];
  let holds = 0;
  let held: () => void = () => {};
  let heldSignal = new Promise<void>((resolve) => {
    held = resolve;
  });
  const server = new SMTPServer({
    authOptional: true,
    // A plain local server: no STARTTLS offer (its self-signed certificate would be refused), no AUTH.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No reverse DNS lookup of 127.0.0.1 (it costs ~100 ms per connection here).
    disableReverseLookup: true,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (holds > 0) {
            holds--;
            held();
            return; // never answered: not accepted
          }
          const code = refusals.shift();
          if (code) return callback(Object.assign(new Error(code >= 500 ? "mailbox unavailable" : "try again later"), { responseCode: code }));
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The next messages get these reply codes instead of acceptance, one each. */
    refuseNext(...codes: number[]) {
      refusals.push(...codes);
    },
    /** The next `n` messages are read and never answered; resolves when the first of them has arrived. */
    holdNext(n = 1) {
      holds += n;
      heldSignal = new Promise<void>((resolve) => {
        held = resolve;
      });
      return heldSignal;
    },
    /** Resolves once `n` messages have arrived in all (or throws after `timeoutMs`). */
    async waitFor(n: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${received.length}`);
        await Bun.sleep(10);
      }
      return received.slice(0, n);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
