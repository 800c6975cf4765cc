export * from "@pagesense/core";
export { CloseHooksClient } from "./client/CloseHooksClient";
export { createClient } from "./client/createClient";
export type { NodeClientOptions } from "./client/options";
export * from "./http/index";
export { FileUserStorage, type FileUserStorageOptions } from "./storage/FileUserStorage";
