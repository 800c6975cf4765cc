import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type LocalServer, listenLocal } from "@pagesense/testing";

/** How {@link TestCollector} answers one event request. */
export type Answer =
  | { status: number; delayMs?: number }
  /** Sends the headers (200), then `bytes` of body one every `everyMs`, never ending. */
  | { trickle: true; everyMs: number }
  /** Sends the headers (200), then nothing. */
  | { stall: true };

/**
 * A small event collector on 127.0.0.1 for delivery tests the fake PageSense server cannot
 * stage: it answers each request as `answer(n)` says (n counts requests from 0), records the
 * accepted users and the most requests it had open at once.
 */
export class TestCollector {
  /** Users whose events were accepted (2xx), in order. */
  readonly users: string[] = [];
  /** Requests received. */
  requests = 0;
  /** Most requests open at once. */
  maxOpen = 0;
  #open = 0;
  #server: LocalServer | undefined;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(readonly answer: (n: number) => Answer = () => ({ status: 200 })) {}

  get url(): string {
    return this.#server!.url;
  }

  async start(): Promise<this> {
    this.#server = await listenLocal(createServer((req, res) => this.#handle(req, res)));
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    await this.#server?.close();
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = this.answer(this.requests++);
      this.#open++;
      this.maxOpen = Math.max(this.maxOpen, this.#open);
      res.on("close", () => this.#open--);
      if ("stall" in answer) {
        res.writeHead(200, { "content-type": "application/json" });
        res.flushHeaders();
        return;
      }
      if ("trickle" in answer) {
        res.writeHead(200, { "content-type": "application/json" });
        const t = setInterval(() => res.write(" "), answer.everyMs);
        this.#timers.add(t);
        res.on("close", () => clearInterval(t));
        return;
      }
      const finish = () => {
        if (answer.status < 300) {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
          this.users.push(body.furd?.f);
        }
        res.writeHead(answer.status, { "content-type": "application/json" }).end("{}");
      };
      if (answer.delayMs) setTimeout(finish, answer.delayMs);
      else finish();
    });
  }
}
