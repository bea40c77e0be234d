// `exitCodeOf` reads the one table of error codes; this module is the light import the CLI's top level uses.
export { exitCodeOf, type ExitStatus } from "./error-code.js";
