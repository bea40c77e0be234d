import { requestContext } from "./request-context.js";

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Fields of a structured log line. Never put a secret here: tokens, keys and hashes stay out of logs. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** What the request log says of one answered request. */
export interface RequestLogLine {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
  readonly requestId: string;
}

/** A structured logger writing one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /**
   * The `info` line `request` for an answered request: the same JSON as `info("request", {method, path,
   * status, ms, request_id})`, put together from its parts instead of through a generic object, because it
   * is written for every request.
   */
  request(line: RequestLogLine): void;
}

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Creates a logger that writes JSON lines (`{"time","level","msg",…}`) to `write`, stderr by default,
 * dropping lines below `level`. A line written while a request is served carries its `request_id`.
 *
 * @example
 * createLogger({ level: "info" }).info("listening", { url: "http://127.0.0.1:8585" });
 */
export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; now?: () => number } = {},
): Logger {
  const min = ORDER[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? Date.now;
  const log = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (ORDER[level] < min) return;
    const request = requestContext.getStore();
    const line = {
      time: new Date(now()).toISOString(),
      level,
      msg,
      request_id: request?.requestId,
      ...fields,
    };
    write(`${JSON.stringify(line)}\n`);
  };
  return {
    request: (line) => {
      if (ORDER.info < min) return;
      // The request ID is base64url or matched /^[A-Za-z0-9._:-]+$/, the method an HTTP token: neither
      // needs escaping; the path may hold anything.
      write(
        `{"time":"${new Date(now()).toISOString()}","level":"info","msg":"request","request_id":"${line.requestId}","method":"${line.method}","path":${JSON.stringify(line.path)},"status":${line.status},"ms":${line.ms}}\n`,
      );
    },
    debug: (m, f) => {
      log("debug", m, f);
    },
    info: (m, f) => {
      log("info", m, f);
    },
    warn: (m, f) => {
      log("warn", m, f);
    },
    error: (m, f) => {
      log("error", m, f);
    },
  };
}

/** A logger that drops everything; for tests that assert on nothing logged. */
export const silentLogger: Logger = createLogger({ write: () => undefined });
