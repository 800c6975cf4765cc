import { ConsoleLogger, Controller, Get, Inject, Logger } from "@nestjs/common";
import { Test } from "@nestjs/testing";
import { RecordingLogger, Visitor } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { PageSenseModule, PageSenseService } from "../src/index";
import { moduleOptions } from "./support/app";
import { useNestRig } from "./support/rig";

const rig = useNestRig();

/** A Nest logger that keeps `[method, context, message]` for each line. */
class RecordingNestLogger extends ConsoleLogger {
  readonly lines: Array<[string, string | undefined, string]> = [];
  override log(message: string, context?: string) {
    this.lines.push(["log", context, message]);
  }
  override warn(message: string, context?: string) {
    this.lines.push(["warn", context, message]);
  }
  override error(message: string, context?: string) {
    this.lines.push(["error", context, message]);
  }
  override debug(message: string, context?: string) {
    this.lines.push(["debug", context, message]);
  }
  override verbose(message: string, context?: string) {
    this.lines.push(["verbose", context, message]);
  }
}

@Controller()
class ActivateController {
  constructor(@Inject(PageSenseService) private readonly pagesense: PageSenseService) {}

  @Get("unknown")
  async unknown() {
    return { variation: await this.pagesense.activateExperiment("NoSuchTest", "u1") };
  }
}

/** Boots an app whose Nest logger records its lines (the testing module's logger). */
async function startRecorded(options: Parameters<typeof moduleOptions>[1]) {
  const recorder = new RecordingNestLogger();
  const { logger: _ignored, ...rest } = moduleOptions(rig.server.url, options);
  const moduleRef = await Test.createTestingModule({
    imports: [PageSenseModule.forRoot({ ...rest, ...options, logLevel: "DEBUG" })],
    controllers: [ActivateController],
  })
    .setLogger(recorder)
    .compile();
  const app = moduleRef.createNestApplication();
  app.useLogger(recorder);
  await app.listen(0, "127.0.0.1");
  const { port } = app.getHttpServer().address() as { port: number };
  rig.app = { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
  return recorder;
}

afterEach(() => {
  // Later apps in this worker get Nest's default logger back.
  Logger.overrideLogger(new ConsoleLogger());
});

describe("logging", () => {
  it("goes through Nest's Logger with the context PageSense by default", async () => {
    const recorder = await startRecorded({});
    await new Visitor(rig.app!.url).json("/unknown");
    const ours = recorder.lines.filter(([, context]) => context === "PageSense");
    expect(ours.length).toBeGreaterThan(0);
    // Settings were loaded (INFO -> log) and the unknown experiment reported.
    expect(ours.some(([method]) => method === "log")).toBe(true);
    expect(ours.some(([, , message]) => message.includes("NoSuchTest"))).toBe(true);
    expect(ours.every(([, , message]) => !message.includes("sdk-demo"))).toBe(true);
  });

  it("uses the logger option instead when given", async () => {
    const logger = new RecordingLogger();
    const recorder = await startRecorded({ logger });
    await new Visitor(rig.app!.url).json("/unknown");
    expect(recorder.lines.filter(([, context]) => context === "PageSense")).toEqual([]);
    expect(logger.texts().some((line) => line.includes("NoSuchTest"))).toBe(true);
  });
});
