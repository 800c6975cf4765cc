export type { StoredAssignment } from "./assignments";
export type { RedisUserStorageOptions } from "./options";
export { RedisStorageError } from "./RedisStorageError";
export { type RedisStorageStats, RedisUserStorage } from "./RedisUserStorage";
