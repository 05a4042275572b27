import type { Contract, StreamDefinition } from '@callcart/contracts';

/** Where a contract's messages go once the deployment prefix (and the call id) are applied. */
export class SubjectNamer {
  constructor(private readonly prefix: string | undefined) {}

  /** The concrete subject to publish on; per-call contracts need the call id. */
  subject(contract: Contract, callId?: string): string {
    const base = this.prefixed(contract.subject);
    if (contract.kind !== 'request' && contract.scope === 'call') {
      if (!callId) throw new Error(`${contract.subject} is per call: a call id is required`);
      return `${base}.${callId}`;
    }
    return base;
  }

  /** The subject to subscribe to: one call's, or every call's when no call id is given. */
  filter(contract: Contract, callId?: string): string {
    if (contract.kind !== 'request' && contract.scope === 'call') {
      return `${this.prefixed(contract.subject)}.${callId ?? '*'}`;
    }
    return this.prefixed(contract.subject);
  }

  streamName(stream: StreamDefinition): string {
    return this.prefix ? `${this.prefix}_${stream.name}` : stream.name;
  }

  streamSubjects(stream: StreamDefinition): string[] {
    return stream.subjects.map((subject) => this.prefixed(subject));
  }

  private prefixed(subject: string): string {
    return this.prefix ? `${this.prefix}.${subject}` : subject;
  }
}
