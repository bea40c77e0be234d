/** Where a command's text goes: the process's stream in the binary, a buffer in an in-process run. */
export interface TextSink {
  write(text: string): unknown;
  /** A terminal's width, for `--help`: set by the process's streams only when they are a terminal. */
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * Everything `nsc-server` reads or writes outside its arguments and the files and databases it is
 * pointed at. The binary passes `{ stdout: process.stdout, stderr: process.stderr, env: process.env }`; an
 * in-process run (`test-support/run-server-in-process.ts`) passes buffers and the environment of its test.
 */
export interface ServerIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** The only environment a command reads: its `NSC_*` settings and the key-encryption key. */
  readonly env: NodeJS.ProcessEnv;
}
