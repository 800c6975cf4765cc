/**
 * The conformance program: the same steps in every runtime, against one built entry of
 * `@pagesense/core`, `@pagesense/node` or `@pagesense/browser` and a collector on 127.0.0.1 that
 * serves `fixtures/settings.json` and answers the first event request with 503.
 *
 * 1. createClient fetches the settings from the collector;
 * 2. decides 3 experiments for 10,000 users and hashes the decisions (SHA-256, compared with the
 *    committed checksum), and again with a client from `compileSettings()` where the entry has it;
 * 3. queues visits and goals, flushes (the 503 is retried);
 * 4. refreshes the settings (the collector answers 304: nothing changed);
 * 5. queues more events and closes (close() delivers them).
 *
 * Plain JavaScript (no build step) so every runtime runs this very file or its bundle.
 */

/** Users decided. */
export const USERS = 10_000;
const EXPERIMENTS = ["PricingTest", "CheckoutFlow", "Homepage"];
const BROWSERS = ["Chrome", "Firefox", "Safari"];
const PLANS = ["free", "team", "enterprise"];

/** The attributes of user `i`: every combination of browser and plan, some without a plan. */
export function attributesOf(i) {
  const attributes = { Browser: BROWSERS[i % 3] };
  if (i % 7 !== 0) attributes.planType = PLANS[Math.floor(i / 3) % 3];
  return attributes;
}

/** Options each entry needs besides the common ones, so runs stay deterministic. */
const ENTRY_OPTIONS = {
  core: {},
  node: { handleSignals: false },
  // No detected Browser/OS/Device (they differ per runtime), no localStorage, no visitor id.
  browser: { userId: "visitor-1", detectAttributes: false, userStorage: false },
};

/** Hex SHA-256 of `text` (Web Crypto: present in every runtime under test). */
async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Decides the 3 experiments for 10,000 users; resolves with the SHA-256 of the decisions. */
async function decideAll(client) {
  const lines = [];
  for (let i = 0; i < USERS; i++) {
    const userId = `user-${i}`;
    const attributes = attributesOf(i);
    for (const name of EXPERIMENTS) {
      const d = await client.decide(name, userId, attributes);
      lines.push(`${userId} ${name} ${d.variationKey ?? "-"} ${d.bucket ?? "-"} ${d.reason}`);
    }
  }
  return sha256(lines.join("\n"));
}

/** Queues a visit for each of `users`, and goals (with and without revenue) for some. */
async function queueEvents(client, users) {
  for (const i of users) {
    const userId = `user-${i}`;
    const attributes = attributesOf(i);
    await client.activateExperiment("PricingTest", userId, attributes);
    await client.activateExperiment("Homepage", userId, attributes);
    if (i % 2 === 0)
      await client.trackGoal("PricingTest", userId, "PurchaseCompleted", 19.99 + i, attributes);
    if (i % 3 === 0) await client.trackGoal("Homepage", userId, "Signup", attributes);
  }
}

/**
 * Runs the steps with `sdk` (an imported entry: `{ createClient }`) of kind `entry`
 * (`"core" | "node" | "browser"`) against the collector at `baseUrl`. Resolves with what the
 * harness checks; log lines are collected, not printed.
 */
export async function conformance(sdk, { entry, baseUrl }) {
  const logs = [];
  const client = await sdk.createClient({
    accountId: "demo-US",
    sdkKey: "sdk-demo",
    projectName: "Shop",
    baseUrl,
    pollingInterval: 0,
    flushInterval: 60_000,
    retryDelay: 1,
    logger: { log: (level, message) => logs.push(`${level} ${message}`) },
    ...ENTRY_OPTIONS[entry],
  });
  const ready = client.isReady();

  const decisions = await decideAll(client);
  // A second client from a compiled snapshot of the same settings (core and node export
  // compileSettings) must decide alike.
  let compiled;
  if (sdk.compileSettings) {
    const second = await sdk.createClient({
      settings: sdk.compileSettings(client.getSettings()),
      logger: { log: (level, message) => logs.push(`${level} ${message}`) },
      ...ENTRY_OPTIONS[entry],
    });
    compiled = await decideAll(second);
    await second.close();
  }

  await queueEvents(client, [0, 1, 2, 3, 4, 5, 6, 7]);
  await client.flush();
  const afterFlush = client.getStats();
  const refreshed = await client.getAndUpdateProjectSettings();

  await queueEvents(client, [8, 9, 10, 11]);
  await client.close();
  const stats = client.getStats();
  return {
    ready,
    decisions,
    compiled,
    refreshed,
    flushed: { sent: afterFlush.eventsSent, pending: afterFlush.eventsPending },
    stats: {
      eventsQueued: stats.eventsQueued,
      eventsSent: stats.eventsSent,
      eventsDropped: stats.eventsDropped,
      eventsRetried: stats.eventsRetried,
      eventsPending: stats.eventsPending,
      settingsFetches: stats.settingsFetches,
      settingsVersion: stats.settingsVersion,
    },
    logs,
  };
}
