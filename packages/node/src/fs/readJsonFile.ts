import { readFile } from "node:fs/promises";
import { messageOf } from "@pagesense/core/internal";

/** What {@link readJsonFile} found. */
export type JsonFileRead =
  | { kind: "missing" }
  | { kind: "ok"; value: unknown }
  | { kind: "corrupt"; reason: string };

/** Reads and parses a JSON file; a missing file and unparsable content are results, not errors. */
export async function readJsonFile(path: string): Promise<JsonFileRead> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "corrupt", reason: `cannot read it: ${messageOf(error)}` };
  }
  try {
    return { kind: "ok", value: JSON.parse(text) };
  } catch (error) {
    return { kind: "corrupt", reason: `not valid JSON: ${messageOf(error)}` };
  }
}
