export * from "@pagesense/core";
export { createClient } from "./client/createClient";
export type { NodeClientOptions } from "./client/options";
export { FileUserStorage, type FileUserStorageOptions } from "./storage/FileUserStorage";
export * from "./http/index";
