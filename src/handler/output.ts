/**
 * What the handler prints. Terraform shows a local-exec's stdout and stderr in its own output, one line per API call
 * and one summary or failure line, each prefixed `face-group <GroupId>:`. Every line passes through the redaction of
 * the credentials in use, so no error path can print one.
 */
import { writeSync } from "node:fs";

/** Where lines go (stdout/stderr of the process; tests may capture them). */
export interface Sink {
  write(text: string): unknown;
}

/**
 * Writes straight to a file descriptor. `process.stdout` on a pipe (as under Terraform) builds a net.Socket stream
 * first, which costs about as much as the rest of a `delete` under RETAIN.
 */
export function fdSink(fd: number): Sink {
  let readerGone = false;
  return {
    write(text: string) {
      if (readerGone) return;
      const bytes = Buffer.from(text, "utf8");
      for (let done = 0; done < bytes.length; ) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          // Nobody reads any more (Terraform was killed): go on silently. Terraform may already have saved this
          // resource as created, so the run must still finish its group; only the output is lost.
          if (code === "EPIPE") {
            readerGone = true;
            return;
          }
          // A non-blocking pipe that is momentarily full: try again.
          if (code !== "EAGAIN") throw e;
        }
      }
    },
  };
}

/** The handler's printer. */
export class Output {
  private readonly secrets: string[] = [];

  /**
   * @param groupId the group the lines are about (or a placeholder when the spec could not be read)
   * @param out progress lines
   * @param err the failure line
   */
  constructor(
    private readonly groupId: string,
    private readonly out: Sink = fdSink(1),
    private readonly err: Sink = fdSink(2),
  ) {}

  /** Registers values that must never be printed (secret key, token); they are replaced by `***`. */
  hide(...values: (string | undefined)[]): void {
    for (const v of values) if (v && v.length >= 4) this.secrets.push(v);
  }

  /** A progress line. */
  info(text: string): void {
    this.out.write(this.line(text));
  }

  /** A failure line. */
  error(text: string): void {
    this.err.write(this.line(text));
  }

  private line(text: string): string {
    let s = `face-group ${this.groupId}: ${text}`;
    for (const secret of this.secrets) s = s.split(secret).join("***");
    return s.endsWith("\n") ? s : `${s}\n`;
  }
}
