/**
 * A failure of the stand-in `tailscale` command: `message` goes to stderr verbatim and the process exits
 * with `exitCode` (1 like the real CLI's errors, 2 for flag parsing errors like Go's flag package).
 */
export class CliFailure extends Error {
  override readonly name = "CliFailure";
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
