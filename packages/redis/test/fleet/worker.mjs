// One app instance of the fleet test: a @pagesense/node client polling the fake PageSense
// server, with a RedisUserStorage (this package's build). Driven by its parent over IPC.
import { createClient } from "@pagesense/node";
import { RedisUserStorage } from "../../dist/index.js";

const [baseUrl, redisUrl] = process.argv.slice(2);
// A generous timeout: three processes share a small, busy machine, and this test is about
// stickiness (outage.test.ts is about timeouts).
const storage = new RedisUserStorage({ url: redisUrl, timeout: 2000 });
const client = await createClient({
  accountId: "demo-US",
  sdkKey: "sdk-demo",
  projectName: "Shop",
  baseUrl,
  pollingInterval: 100,
  userStorage: storage,
  handleSignals: false,
  logLevel: "ERROR",
});

const ops = {
  /** Activates Exp0 for every user (100 at a time); the variation names in order. */
  async activate({ users }) {
    const names = [];
    for (let i = 0; i < users.length; i += 100)
      names.push(
        ...(await Promise.all(
          users.slice(i, i + 100).map((u) => client.activateExperiment("Exp0", u)),
        )),
      );
    return names;
  },
  version: () => client.getStats().settingsVersion ?? null,
  stats: () => ({ storage: storage.stats, client: client.getStats() }),
  async close() {
    await client.close();
    await storage.close();
  },
};

process.on("message", async ({ id, op, ...args }) => {
  try {
    process.send({ id, result: await ops[op](args) });
    if (op === "close") process.disconnect();
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
