import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { customerFindV1 } from '@callcart/contracts';
import { z } from 'zod';
import { Roles, SessionGuard } from '../auth/session.guard';
import { ServiceRequests } from '../shared/service-requests';
import { ZodPipe } from '../shared/zod-body';

const customerQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/**
 * Staff find the customer they act on (a wallet top-up, an order, a sign-in code) the way they
 * know them, by phone number written any common way or by name, instead of by internal id.
 */
@ApiTags('staff')
@Controller('api/staff/customers')
@UseGuards(SessionGuard)
@Roles('agent', 'catalogue-manager', 'admin')
export class CustomerLookupController {
  constructor(private readonly services: ServiceRequests) {}

  @Get()
  @ApiOperation({ summary: 'Customers by phone number (+86 138 0013 8000, 13800138000, 0086-138…) or by any part of their name' })
  find(@Query(new ZodPipe(customerQuery)) query: z.infer<typeof customerQuery>) {
    return this.services.send(customerFindV1, { query: query.q, limit: query.limit });
  }
}
