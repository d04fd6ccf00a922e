/**
 * The training loop's plain progress line in a terminal (overwritten in place on a TTY, one line
 * every 2 s otherwise). Charts are not the loop's business: they come in as `onProgress`.
 */
export class ProgressLine {
  private lastLog = -Infinity;
  private readonly tty = Boolean(process.stdout && process.stdout.isTTY);

  constructor(readonly enabled: boolean) {}

  /** After every step: prints the status when due. */
  update(status: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastLog >= 100) {
        this.lastLog = now;
        process.stdout.write(`\rtrain: ${status}\x1b[K`);
      }
    } else if (now - this.lastLog >= 2000) {
      this.lastLog = now;
      console.log(`train: ${status}`);
    }
  }

  /** The final progress line. */
  finish(status: string): void {
    if (!this.enabled) return;
    if (this.tty) process.stdout.write(`\rtrain: ${status}\x1b[K\n`);
    else console.log(`train: ${status}`);
  }
}
