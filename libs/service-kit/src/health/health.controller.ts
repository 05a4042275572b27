import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';

/** The readiness checks a service runs on `/health`: NATS always, the database where it has one. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Readiness: 200 when every dependency answers, 503 with the failing ones otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: HealthIndicatorFunction[],
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.checks);
  }
}
