import { describe, expect, it } from "vitest";
import type { ErrorNotification } from "../../src/notifications/types";
import {
  MemoryUserStorage,
  type UserProfile,
  type UserStorage,
} from "../../src/storage/UserStorage";
import { testClient } from "../fixtures/client";
import { experiment } from "../fixtures/settings";

/** A memory storage that fails (rejects) while `down` is true. */
class FlakyStorage implements UserStorage {
  readonly inner = new MemoryUserStorage();
  down = false;

  lookup(userId: string): Promise<UserProfile | undefined> {
    return this.down
      ? Promise.reject(new Error("connection refused"))
      : Promise.resolve(this.inner.lookup(userId));
  }

  save(profile: UserProfile): Promise<void> {
    if (this.down) return Promise.reject(new Error("connection refused"));
    this.inner.save(profile);
    return Promise.resolve();
  }
}

describe("user storage outages", () => {
  it("counts every failure, logs the first at ERROR and the recovery once at INFO", async () => {
    const storage = new FlakyStorage();
    const { client, logger } = await testClient(
      { experiments: [experiment("E", { experiment_key: "K" })] },
      { userStorage: storage },
    );
    const errors: ErrorNotification[] = [];
    client.on("error", (e) => errors.push(e));
    const storageLines = () => logger.lines.filter((l) => l.message.includes("user storage"));

    storage.down = true;
    for (let i = 0; i < 20; i++)
      expect((await client.decide("E", `user-${i}`)).reason).toBe("BUCKETED");
    expect(client.getStats().storageErrors).toBe(20);
    expect(storageLines()).toEqual([
      {
        level: "ERROR",
        message: 'user storage lookup for user "user-0" failed: connection refused',
      },
    ]);
    expect(errors).toHaveLength(1);

    storage.down = false;
    expect((await client.decide("E", "user-0")).reason).toBe("BUCKETED");
    expect((await client.decide("E", "user-0")).reason).toBe("STORED");
    expect(storageLines().slice(1)).toEqual([
      { level: "INFO", message: "user storage recovered after 20 failures" },
    ]);

    // A second outage is logged again, once.
    storage.down = true;
    await client.decide("E", "user-1");
    await client.decide("E", "user-2");
    expect(storageLines()).toHaveLength(3);
    expect(client.getStats().storageErrors).toBe(22);
  });
});
