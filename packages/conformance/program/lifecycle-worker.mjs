/**
 * Workers lifecycle checks (served by workerd; `__COLLECTOR__` is replaced at bundle time):
 * - `/module`: a client created at module scope with credentials and no settings;
 * - `/kept/visit?user=`: a client kept across requests without `waitUntil` (its timers are
 *   cancelled when a request ends); `&linger=ms` keeps the request open that long after queuing;
 * - `/kept-wu/visit?user=`: a client kept across requests with `waitUntil` from
 *   `cloudflare:workers` (always the current request's);
 * - `/kept/stats`, `/kept-wu/stats`: their counters and log lines.
 */

import { waitUntil } from "cloudflare:workers";
import { createClient } from "@pagesense/core";

const CHROME = { Browser: "Chrome" };
const logs = [];
const logger = { log: (level, message) => logs.push(`${level} ${message}`) };
const options = {
  accountId: "demo-US",
  sdkKey: "sdk-demo",
  projectName: "Shop",
  baseUrl: __COLLECTOR__,
  logger,
  logLevel: "DEBUG",
  pollingInterval: 100,
  flushInterval: 20,
};

// Module scope allows no I/O: createClient must neither fail nor fetch here.
let created = "pending";
const moduleScope = createClient(options).then(
  (client) => {
    created = "resolved";
    return client;
  },
  (error) => {
    created = `rejected: ${error}`;
    return null;
  },
);

const kept = {};
const keptClient = (name) =>
  (kept[name] ??= createClient(name === "kept-wu" ? { ...options, waitUntil } : options));

const json = (value) => Response.json(value);

export default {
  async fetch(request, _env, ctx) {
    const url = new URL(request.url);
    const [, name, action] = url.pathname.split("/");
    if (name === "module") {
      const client = await moduleScope;
      if (client === null) return json({ created });
      const readyBefore = client.isReady();
      // What the guide says to do when the first decisions must not be null.
      if (!readyBefore) await client.getAndUpdateProjectSettings();
      const variation = await client.activateExperiment("PricingTest", "module-user", CHROME);
      ctx.waitUntil(client.flush());
      return json({ created, readyBefore, ready: client.isReady(), variation, logs });
    }
    if (name === "kept" || name === "kept-wu") {
      const client = await keptClient(name);
      if (action === "stats") return json({ stats: client.getStats(), logs });
      const variation = await client.activateExperiment(
        "PricingTest",
        url.searchParams.get("user"),
        CHROME,
      );
      const linger = Number(url.searchParams.get("linger") ?? 0);
      if (linger > 0) await new Promise((resolve) => setTimeout(resolve, linger));
      return json({ variation });
    }
    return new Response("ok");
  },
};
