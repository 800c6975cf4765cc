import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src";

describe("parseCommandLine", () => {
  it("maps every flag to a startServer option", () => {
    expect(
      parseCommandLine([
        "--port",
        "4200",
        "--host",
        "0.0.0.0",
        "--settings",
        "my.json",
        "--data",
        "/var/lib/ps",
        "--webhook-url",
        "http://127.0.0.1:3000/hook",
        "--webhook-token",
        "t",
        "--webhook-retry-interval",
        "1000",
        "--webhook-retry-window",
        "5000",
        "--poll-interval",
        "0",
        "--log-level",
        "debug",
      ]),
    ).toEqual({
      kind: "start",
      options: {
        port: 4200,
        host: "0.0.0.0",
        settings: "my.json",
        data: "/var/lib/ps",
        webhookUrl: "http://127.0.0.1:3000/hook",
        webhookToken: "t",
        webhookRetryInterval: 1000,
        webhookRetryWindow: 5000,
        pollInterval: 0,
        logLevel: "debug",
      },
    });
  });

  it("leaves unset flags to the defaults and takes the token from the environment", () => {
    const command = parseCommandLine(["--port=0"], { PAGESENSE_WEBHOOK_TOKEN: "from-env" });
    expect(command.kind === "start" && command.options.port).toBe(0);
    expect(command.kind === "start" && command.options.webhookToken).toBe("from-env");
    expect(command.kind === "start" && command.options.settings).toBeUndefined();
    expect(parseCommandLine(["-h"])).toEqual({ kind: "help" });
  });

  it("takes the port from PAGESENSE_PORT when --port is not given", () => {
    const fromEnv = parseCommandLine([], { PAGESENSE_PORT: "4200" });
    expect(fromEnv.kind === "start" && fromEnv.options.port).toBe(4200);
    const flag = parseCommandLine(["--port", "4300"], { PAGESENSE_PORT: "4200" });
    expect(flag.kind === "start" && flag.options.port).toBe(4300);
  });

  it("rejects unknown flags and bad values with a clear message", () => {
    expect(() => parseCommandLine(["--prot", "1"])).toThrow(/Unknown option '--prot'/);
    expect(() => parseCommandLine(["--port", "http"])).toThrow(
      '--port must be a non-negative integer, got "http"',
    );
    expect(() => parseCommandLine(["--log-level", "loud"])).toThrow(/--log-level must be one of/);
    expect(() => parseCommandLine(["extra"])).toThrow(/positional/);
  });
});
