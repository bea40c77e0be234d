export { main, buildProgram } from "./main.js";
export type { NscIo, TextSink } from "./io/nsc-io.js";
export { processIo } from "./io/process-io.js";
export type { ProgramResult, RunProgram } from "./tailscale/run-program.js";
export {
  inProcessRunner,
  type InProcessProgram,
  type InProcessProgramIo,
} from "./tailscale/in-process-runner.js";
export type { RetryPolicy } from "./workload/retry-policy.js";
export {
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  type TransportFailure,
} from "./http/transport.js";
export { createNodeTransport, type NetworkSettings } from "./http/node-transport.js";
