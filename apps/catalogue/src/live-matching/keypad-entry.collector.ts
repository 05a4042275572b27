/** A finished keypad entry: the digits a caller keyed in for one item number. */
export interface KeypadEntry {
  readonly callId: string;
  readonly digits: string;
  /** When the entry's first key was pressed (the same on every replica that saw the keys). */
  readonly startedAt: string;
  readonly endedBy: 'hash' | 'pause';
}

/**
 * Collects keypad digits per call into entries: '#' ends an entry, so does a pause of
 * `timeoutMs` after the last digit; '*' clears what was keyed so far (the usual "start again"
 * key); A-D are ignored. An entry of no digits is dropped.
 */
export class KeypadEntryCollector {
  private readonly pending = new Map<string, { digits: string; startedAt: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly timeoutMs: number,
    private readonly onEntry: (entry: KeypadEntry) => void,
    /** Longest entry kept; item numbers are at most 40 characters. */
    private readonly maxDigits = 40,
  ) {}

  press(callId: string, digit: string, pressedAt: string): void {
    const current = this.pending.get(callId);
    if (digit === '#') return this.finish(callId, 'hash');
    if (digit === '*') return this.clear(callId);
    if (!/^[0-9]$/.test(digit)) return;
    if (current) clearTimeout(current.timer);
    const digits = ((current?.digits ?? '') + digit).slice(0, this.maxDigits);
    const timer = setTimeout(() => this.finish(callId, 'pause'), this.timeoutMs);
    timer.unref();
    this.pending.set(callId, { digits, startedAt: current?.startedAt ?? pressedAt, timer });
  }

  /** Drops every unfinished entry (the service is stopping). */
  close(): void {
    for (const callId of [...this.pending.keys()]) this.clear(callId);
  }

  private clear(callId: string): void {
    const current = this.pending.get(callId);
    if (current) clearTimeout(current.timer);
    this.pending.delete(callId);
  }

  private finish(callId: string, endedBy: KeypadEntry['endedBy']): void {
    const current = this.pending.get(callId);
    this.clear(callId);
    if (current && current.digits.length > 0) this.onEntry({ callId, digits: current.digits, startedAt: current.startedAt, endedBy });
  }
}
