import { afterEach, describe, expect, it, vi } from "vitest";
import { describe as describeValue } from "../../src/logging/describe";
import { consoleLogger, LOG_LEVELS, parseLogLevel, SafeLogger } from "../../src/logging/logger";
import { RecordingLogger } from "../fixtures/logger";

const writeAll = (sink: SafeLogger) => {
  sink.fatal("f");
  sink.error("e");
  sink.warn("w");
  sink.info("i");
  sink.debug("d");
  sink.trace("t");
};

describe("SafeLogger", () => {
  it.each([
    ["OFF", []],
    ["FATAL", ["FATAL"]],
    ["ERROR", ["FATAL", "ERROR"]],
    ["WARNING", ["FATAL", "ERROR", "WARNING"]],
    ["INFO", ["FATAL", "ERROR", "WARNING", "INFO"]],
    ["DEBUG", ["FATAL", "ERROR", "WARNING", "INFO", "DEBUG"]],
    ["TRACE", ["FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"]],
  ] as const)("at %s writes %j", (level, expected) => {
    const logger = new RecordingLogger();
    writeAll(new SafeLogger(logger, level));
    expect(logger.lines.map((l) => l.level)).toEqual(expected);
  });

  it("passes the message through unchanged", () => {
    const logger = new RecordingLogger();
    new SafeLogger(logger, "INFO").warn('experiment "E": something');
    expect(logger.lines).toEqual([{ level: "WARNING", message: 'experiment "E": something' }]);
  });

  it("reports which levels are enabled", () => {
    const sink = new SafeLogger(new RecordingLogger(), "INFO");
    expect(sink.enabled("ERROR")).toBe(true);
    expect(sink.enabled("INFO")).toBe(true);
    expect(sink.enabled("DEBUG")).toBe(false);
    expect(sink.enabled("TRACE")).toBe(false);
    expect(new SafeLogger(new RecordingLogger(), "OFF").enabled("FATAL")).toBe(false);
  });

  it("swallows errors thrown by a custom logger", () => {
    let calls = 0;
    const sink = new SafeLogger(
      {
        log() {
          calls++;
          throw new Error("logger down");
        },
      },
      "TRACE",
    );
    expect(() => writeAll(sink)).not.toThrow();
    expect(calls).toBe(6);
  });

  it("swallows non-Error throws too", () => {
    const sink = new SafeLogger(
      {
        log() {
          throw "a string";
        },
      },
      "INFO",
    );
    expect(() => sink.error("x")).not.toThrow();
  });
});

describe("parseLogLevel", () => {
  it("accepts every level, case-insensitively, and WARN for WARNING", () => {
    for (const level of LOG_LEVELS) {
      expect(parseLogLevel(level)).toBe(level);
      expect(parseLogLevel(level.toLowerCase())).toBe(level);
    }
    expect(parseLogLevel("warn")).toBe("WARNING");
    expect(parseLogLevel("Debug")).toBe("DEBUG");
  });

  it("rejects anything else", () => {
    for (const bad of ["", "VERBOSE", " INFO", 3, null, undefined, {}, ["INFO"]]) {
      expect(parseLogLevel(bad)).toBeUndefined();
    }
  });
});

describe("consoleLogger", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("routes levels to console methods with a [PageSense] prefix", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    consoleLogger.log("FATAL", "a");
    consoleLogger.log("ERROR", "b");
    consoleLogger.log("WARNING", "c");
    consoleLogger.log("INFO", "d");
    consoleLogger.log("DEBUG", "e");
    consoleLogger.log("TRACE", "f");
    expect(error.mock.calls).toEqual([["[PageSense] FATAL a"], ["[PageSense] ERROR b"]]);
    expect(warn.mock.calls).toEqual([["[PageSense] WARNING c"]]);
    expect(info.mock.calls).toEqual([["[PageSense] INFO d"]]);
    expect(debug.mock.calls).toEqual([["[PageSense] DEBUG e"], ["[PageSense] TRACE f"]]);
  });

  it("does nothing when the runtime has no console", () => {
    const original = globalThis.console;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: simulating a runtime without a console
      (globalThis as any).console = undefined;
      expect(() => consoleLogger.log("ERROR", "x")).not.toThrow();
    } finally {
      globalThis.console = original;
    }
  });
});

describe("describe (log rendering of values)", () => {
  it("quotes strings and truncates long ones to 80 characters", () => {
    expect(describeValue("user-1")).toBe('"user-1"');
    const long = describeValue("x".repeat(1_000_000));
    expect(long).toBe(JSON.stringify(`${"x".repeat(80)}…`));
  });

  it("renders other values by kind, never their content", () => {
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(null)).toBe("null");
    expect(describeValue(42)).toBe("42");
    expect(describeValue(false)).toBe("false");
    expect(describeValue([1, 2, 3])).toBe("array(3)");
    expect(describeValue({ secret: "x" })).toBe("object");
    expect(describeValue(Symbol("s"))).toBe("symbol");
    expect(describeValue(() => 1)).toBe("function");
  });
});
