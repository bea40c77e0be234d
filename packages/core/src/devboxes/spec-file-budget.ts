import { devboxSpecError } from "./devbox-spec-error.js";

/** Largest spec file accepted, in characters. A spec file is a few lines; this is fifty times one. */
export const MAX_DEVBOX_SPEC_FILE_LENGTH = 16 * 1024;
/** Most lines in a spec file. */
export const MAX_DEVBOX_SPEC_FILE_LINES = 256;
/**
 * Most list and mapping separators (`,`, `[`, `{`) in a spec file. Parsers spend their time per entry, so
 * this and the line limit bound the work a file can ask for, whatever its format.
 */
export const MAX_DEVBOX_SPEC_FILE_SEPARATORS = 256;

/**
 * Refuses a spec file too large to be one before any parser sees it: more than
 * {@link MAX_DEVBOX_SPEC_FILE_LENGTH} characters, {@link MAX_DEVBOX_SPEC_FILE_LINES} lines or
 * {@link MAX_DEVBOX_SPEC_FILE_SEPARATORS} separators. One linear pass; the parsers after it then take
 * milliseconds at most.
 *
 * @throws NscError `invalid_devbox_spec`.
 */
export function checkSpecFileBudget(text: string, fileName: string): void {
  if (text.length > MAX_DEVBOX_SPEC_FILE_LENGTH) {
    throw devboxSpecError(
      fileName,
      undefined,
      undefined,
      `the file is larger than ${MAX_DEVBOX_SPEC_FILE_LENGTH / 1024} KiB; a spec file is a few lines`,
    );
  }
  let lines = 1;
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 44 || c === 91 || c === 123) separators++;
  }
  if (lines > MAX_DEVBOX_SPEC_FILE_LINES) {
    throw devboxSpecError(
      fileName,
      undefined,
      undefined,
      `the file has ${lines} lines, more than ${MAX_DEVBOX_SPEC_FILE_LINES}; a spec file is a few lines`,
    );
  }
  if (separators > MAX_DEVBOX_SPEC_FILE_SEPARATORS) {
    throw devboxSpecError(
      fileName,
      undefined,
      undefined,
      `the file has ${separators} list and mapping separators (",", "[", "{"), more than ${MAX_DEVBOX_SPEC_FILE_SEPARATORS}; a spec file has a few fields`,
    );
  }
}
