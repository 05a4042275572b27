/** A call-clock time as the narration shows it: 3240 ms → "+3.2 s", right-aligned. */
export function clockText(ms: number): string {
  return `+${(Math.max(0, ms) / 1000).toFixed(1)} s`.padStart(8);
}

/** How long the demo lingers between steps so a person watching the desk can follow; `fast` for tests. */
export interface Pace {
  readonly fast: boolean;
}

const FAST_PAUSE_MS = 200;
const INDENT = ' '.repeat(10);

/**
 * What the demo call tells the person running it: one line per step with the time since the
 * caller dialled ("+3.2 s caller identified: …"), detail lines indented under it, set-up lines
 * before the call without a time.
 */
export class Narrator {
  private dialledAt: number | undefined;

  constructor(
    private readonly write: (line: string) => void,
    readonly pace: Pace,
  ) {}

  /** The call's clock starts now (the caller dials). */
  startClock(): void {
    this.dialledAt = performance.now();
  }

  /** Milliseconds since the caller dialled (0 before). */
  get elapsedMs(): number {
    return this.dialledAt === undefined ? 0 : performance.now() - this.dialledAt;
  }

  step(text: string): void {
    this.stepAt(performance.now(), text);
  }

  /** A step that happened at `when` (a `performance.now()` time), e.g. when a live frame arrived. */
  stepAt(when: number, text: string): void {
    const at = this.dialledAt === undefined ? ' '.repeat(8) : clockText(when - this.dialledAt);
    this.write(`${at}  ${text}`);
  }

  detail(text: string): void {
    this.write(`${INDENT}${text}`);
  }

  blank(): void {
    this.write('');
  }

  /** A pause a watching person needs (shortened with `fast`). */
  async pause(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.pace.fast ? Math.min(ms, FAST_PAUSE_MS) : ms));
  }
}
