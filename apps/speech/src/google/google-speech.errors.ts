/** gRPC status codes the google recogniser acts on (numbers as @grpc/grpc-js reports them). */
export const GrpcStatus = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/**
 * Errors worth another stream: the service or the network hiccupped, or a quota is briefly
 * spent. OUT_OF_RANGE is Google's 305 s stream limit: a restart, not a failure.
 */
const TRANSIENT = new Set<number>([
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.ABORTED,
  GrpcStatus.OUT_OF_RANGE,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNAVAILABLE,
]);

/** True when a stream that failed with `code` should be opened again (with backoff). */
export function isTransientSpeechError(code: number | undefined): boolean {
  return code !== undefined && TRANSIENT.has(code);
}

/** The gRPC status code of an error from the client, if it has one. */
export function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * A call's google recognition failed for good: a non-transient status (bad config, credentials,
 * permissions) or transient ones past the retry budget. Reported through `onError`.
 */
export class GoogleSpeechError extends Error {
  constructor(
    readonly callId: string,
    /** The last gRPC status code, when the failure came from the service. */
    readonly code: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GoogleSpeechError';
  }
}
