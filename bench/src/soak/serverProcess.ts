/**
 * Child process of the soak test: runs @pagesense/testing's fake PageSense server on 127.0.0.1 and
 * turns its recordings into counters. Every 250 ms (and on stop) it adds up what the server
 * recorded and calls `reset()` in the same tick, so memory stays bounded however long the soak
 * runs and no request is missed. Running in its own process keeps the server's CPU and heap out of
 * the client's measurements.
 */
import { type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import type { ServerCounts, ToServer } from "./protocol";

const counts: ServerCounts = {
  eventRequests: 0,
  rejectedRequests: 0,
  visits: 0,
  goals: 0,
  settingsRequests: 0,
  visitUsers: 0,
  duplicateVisits: 0,
};
const seenVisits = new Set<string>();
let server: FakePageSense | undefined;

function collect(): void {
  if (!server) return;
  counts.settingsRequests += server.settingsRequests.length;
  counts.eventRequests += server.eventRequests.length;
  for (const r of server.eventRequests) if (r.status !== 200) counts.rejectedRequests++;
  counts.visits += server.visits.length;
  counts.goals += server.goals.length;
  for (const v of server.visits) {
    const key = `${v.userId}\u0000${v.b}`;
    if (seenVisits.has(key)) counts.duplicateVisits++;
    else seenVisits.add(key);
  }
  counts.visitUsers = seenVisits.size;
  server.reset();
}

const timer = setInterval(collect, 250);

process.on("message", async (message: ToServer) => {
  if (message.type === "start") {
    server = await startPageSenseServer({
      settings: message.settings,
      sdkKey: message.sdkKey,
      projectName: message.projectName,
    });
    process.send?.({ type: "started", url: server.url });
  } else if (message.type === "stop") {
    collect();
    clearInterval(timer);
    await server?.close();
    process.send?.({ type: "stopped", counts }, () => process.exit(0));
  }
});
