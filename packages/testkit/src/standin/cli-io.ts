/** What the stand-in command talks to: its environment, its output streams and the OS hostname. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Used when `--hostname` is not given. */
  readonly osHostname: string;
  /** Waits between polls of the control server; injectable so tests need not sleep. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch; used for `--timeout`. */
  readonly now: () => number;
}
