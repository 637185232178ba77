/**
 * The desk agent's API, under /api/desk-agent (outside the EDI API's bearer tokens and outside CSRF,
 * like every /api route). No session and no role: each request carries the desk's token as
 * `Authorization: Desk <token>`, and answers only about that desk's jobs. The routes declare
 * `allow("public")` for the session layer and check the token themselves (401 without a valid one).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { AppError } from "../../lib/errors.ts";
import { eventStream, type EventStreamHandle } from "../../lib/sse.ts";
import { allow } from "../accounts/index.ts";
import { readJson } from "../api/index.ts";
import { agentBacklog, agentDocument, agentHello, agentHelloBody, agentReport, agentReportBody, authenticateDeskAgent } from "./agent-service.ts";
import { deskTopic, followTopics } from "./live.ts";
import { M } from "./messages.ts";
import type { DeskRow } from "./queries.ts";

/** The desk whose token the request carries; 401 without a valid one. */
async function agentDesk(c: Context<AppEnv>): Promise<DeskRow> {
  const match = /^Desk\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  const desk = match ? await authenticateDeskAgent({ db: c.var.db, token: match[1]! }) : null;
  if (!desk) throw new AppError("unauthorized", M.agentToken);
  return desk;
}

const AGENT = allow("public");

/** The `/events` stream of one desk: hello, the backlog, then each change (held while the backlog is sent). */
async function streamDeskJobs(
  stream: EventStreamHandle,
  { db, events, desk }: { db: AppEnv["Variables"]["db"]; events: AppEnv["Variables"]["events"]; desk: DeskRow },
) {
  const held: { id: string; state: string; eventId: number }[] = [];
  let live = false;
  const send = (e: { id: string; state: string; eventId: number }) =>
    stream.send({ event: "job", id: e.eventId, data: JSON.stringify({ id: e.id, state: e.state }) });
  stream.onClose(
    followTopics(events, [deskTopic(desk.id)], (e) => {
      if (!e) return;
      const item = { id: e.jobId, state: e.state, eventId: e.eventId };
      if (live) void send(item);
      else held.push(item);
    }),
  );
  await stream.send({ event: "hello", data: JSON.stringify({ desk: desk.id }), retry: 2000 });
  const backlog = await agentBacklog({ db, desk, lastEventId: stream.lastEventId });
  for (const item of backlog) await send(item);
  // Changes that raced the backlog query: the agent ignores what it already has.
  for (const item of held.splice(0)) await send(item);
  live = true;
}

export const printAgentApi = new Hono<AppEnv>()
  .post("/hello", AGENT, async (c) => {
    const desk = await agentDesk(c);
    const body = await readJson(c, agentHelloBody);
    return c.json(await agentHello({ db: c.var.db, events: c.var.events, desk, body }));
  })
  /**
   * The desk's jobs as server-sent events (`event: job`, data `{id, state}`, id = the state change's
   * event id): first every job to act on now (and, after a reconnect with Last-Event-ID, every job
   * that changed since), then each change as it happens.
   */
  .get("/events", AGENT, async (c) => {
    const desk = await agentDesk(c);
    return eventStream(c, (stream) => streamDeskJobs(stream, { db: c.var.db, events: c.var.events, desk }));
  })
  .post("/jobs/:id/state", AGENT, async (c) => {
    const desk = await agentDesk(c);
    const body = await readJson(c, agentReportBody);
    return c.json(await agentReport({ db: c.var.db, events: c.var.events, desk, jobId: c.req.param("id"), body }));
  })
  .get("/jobs/:id/document", AGENT, async (c) => {
    const desk = await agentDesk(c);
    const doc = await agentDocument({ db: c.var.db, desk, jobId: c.req.param("id"), instance: c.req.query("instance") ?? "" });
    c.header("Content-Type", "application/pdf");
    c.header("X-Content-SHA256", doc.sha256);
    return c.body(doc.pdf as Uint8Array<ArrayBuffer>);
  });
