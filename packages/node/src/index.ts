export * from "@pagesense/core";
export { createClient } from "./client/createClient";
export { NodeClient } from "./client/NodeClient";
export type { NodeClientOptions } from "./client/options";
export * from "./http/index";
export { FileUserStorage, type FileUserStorageOptions } from "./storage/FileUserStorage";
export { UndiciTransport } from "./transport/UndiciTransport";
