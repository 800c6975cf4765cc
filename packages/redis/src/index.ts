export type { StoredAssignment } from "./assignments";
export { RedisStorageError } from "./RedisStorageError";
export {
  type RedisStorageStats,
  RedisUserStorage,
  type RedisUserStorageOptions,
} from "./RedisUserStorage";
