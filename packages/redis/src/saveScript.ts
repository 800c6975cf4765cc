import { createHash } from "node:crypto";
import type { Cluster, Redis } from "ioredis";

/**
 * Writes a user's new assignments atomically, never over one it did not see. KEYS[1] is the
 * user's hash; ARGV[1] the TTL in ms (0: none); then triples (field, value, expected): the field
 * is set when it is absent and `expected` is "" (a first assignment, like HSETNX), or when it
 * holds the value this process read, given as "=" .. value (a removed variation replaced, a
 * compare-and-set). A field another instance wrote meanwhile is left alone. Returns
 * { fields written, fields that already held the value }. One key, so it runs unchanged on Redis
 * Cluster.
 */
export const SAVE_SCRIPT = `
local written, agreed = 0, 0
for i = 2, #ARGV, 3 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  local expected = ARGV[i + 2]
  if current == ARGV[i + 1] then
    agreed = agreed + 1
  elseif (current == false and expected == '') or (current ~= false and expected == '=' .. current) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    written = written + 1
  end
end
local ttl = tonumber(ARGV[1])
if ttl > 0 and redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ttl) end
return { written, agreed }
`;

const SHA = createHash("sha1").update(SAVE_SCRIPT).digest("hex");

/** What {@link SAVE_SCRIPT} did: fields written, and fields that already held the value. */
export interface SaveOutcome {
  written: number;
  agreed: number;
}

/**
 * Runs {@link SAVE_SCRIPT} by its SHA1 (EVALSHA), sending the script itself only when Redis does
 * not know it yet (first call, or after a restart or SCRIPT FLUSH).
 */
export async function runSaveScript(
  client: Redis | Cluster,
  key: string,
  args: readonly string[],
): Promise<SaveOutcome> {
  let reply: unknown;
  try {
    reply = await client.evalsha(SHA, 1, key, ...args);
  } catch (error) {
    if (!String((error as { message?: unknown })?.message).startsWith("NOSCRIPT")) throw error;
    reply = await client.eval(SAVE_SCRIPT, 1, key, ...args);
  }
  const [written, agreed] = Array.isArray(reply) ? reply : [];
  return { written: Number(written) || 0, agreed: Number(agreed) || 0 };
}
