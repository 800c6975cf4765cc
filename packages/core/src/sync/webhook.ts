import { isObject } from "../shared/isObject";

/** A webhook request as any framework can hand it over. */
export interface WebhookRequest {
  /** Request headers (any case; values may be arrays). */
  headers: Record<string, string | string[] | undefined> | { get(name: string): string | null };
  /** The JSON body: parsed object, or its text. */
  body: unknown;
}

/** The answer to send back to PageSense. */
export interface WebhookResponse {
  status: number;
  message: string;
}

/** The webhook payload PageSense sends when an experiment is relaunched. */
export interface WebhookPayload {
  ProjectName: string;
  AccountName: string;
  EnvironmentName: string;
  EventName: string;
  LastModifiedTime: string;
}

const FIELDS = [
  "ProjectName",
  "AccountName",
  "EnvironmentName",
  "EventName",
  "LastModifiedTime",
] as const;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Reads a header case-insensitively. */
export function headerValue(headers: WebhookRequest["headers"], name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  }
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== lower) continue;
    const v = (headers as Record<string, string | string[] | undefined>)[key];
    return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** Compares two secrets in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** Validates the webhook body; returns the payload or a message saying what is wrong. */
export function parseWebhookPayload(body: unknown): WebhookPayload | string {
  let value = body;
  if (typeof value === "string" || value instanceof Uint8Array) {
    const text = typeof value === "string" ? value : new TextDecoder().decode(value);
    try {
      value = JSON.parse(text);
    } catch {
      return "the body is not JSON";
    }
  }
  if (!isObject(value)) return "the body must be a JSON object";
  const o = value;
  for (const f of FIELDS) {
    if (typeof o[f] !== "string" || (o[f] as string).trim() === "")
      return `${f} must be a non-empty string`;
  }
  if (!TIME.test(o.LastModifiedTime as string))
    return 'LastModifiedTime must be "yyyy-MM-dd HH:mm:ss"';
  return o as unknown as WebhookPayload;
}
