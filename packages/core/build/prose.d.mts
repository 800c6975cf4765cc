// Types of prose.mjs for the TypeScript files importing it (tsup configs, tests).
import type { Plugin } from "esbuild";

export type ProseMode = "strip" | "guard";
export interface RewriteResult {
  text: string;
  messages: { code: string; template: string; line: number }[];
  untransformed: { line: number; call: string; argument: string }[];
}
export interface ScanResult {
  codes: Map<string, { template: string; places: string[] }>;
  untransformed: { place: string; call: string; argument: string }[];
}
export const PROSE_CALLS: { names: string[]; new?: boolean; receiver?: RegExp; what: string }[];
export const PROSE_PROPERTIES: string[];
export const CODE_PREFIX: string;
export const SOURCE_DIRS: string[];
export function isProse(text: string): boolean;
export function codeOf(parts: string[]): string;
export function rewrite(fileName: string, text: string, mode: ProseMode): RewriteResult;
export function prosePlugin(mode: ProseMode): Plugin;
export function scan(root: string, dirs: string[]): Promise<ScanResult>;
export function logCodesMarkdown(result: ScanResult): string;
