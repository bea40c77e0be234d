import { createLogger } from "../log/logger.js";
import { systemRuntime, type Runtime } from "../runtime/runtime.js";
import type { ServerIo } from "./server-io.js";

/** The clock, randomness and a warnings-only logger on `io.stderr`, for a command that runs to completion. */
export function commandRuntime(io: Pick<ServerIo, "stderr">): Runtime {
  return systemRuntime(
    createLogger({
      level: "warn",
      write: (line) => {
        io.stderr.write(line);
      },
    }),
  );
}
