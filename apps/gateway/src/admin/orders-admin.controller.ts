import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  customerGetV1,
  customerIdSchema,
  orderBrowseV1,
  orderGetV1,
  orderIdSchema,
  orderListV1,
  orderShipV1,
  orderStateSchema,
  paymentMethodSchema,
  type OrderStateChange,
} from '@callcart/contracts';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { ServiceRequests } from '../shared/service-requests';
import { GatewaySql } from '../shared/sql';
import { ZodPipe } from '../shared/zod-body';

const orderListQuery = z.object({
  state: orderStateSchema,
  payment: paymentMethodSchema.optional(),
  page: z.coerce.number().int().min(1).max(2000).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
const customerOrdersQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });
const orderIdParam = new ZodPipe(orderIdSchema);

/**
 * The admin's orders and fulfilment view: every order by state (the ready-to-ship list split by
 * how it was settled, the amount to collect on cash on delivery), one order with its customer and
 * history, marking a ready order shipped, and a customer's orders. Admins only: shipping hands
 * goods and cash collection to the courier (decision 0006 on why there is no warehouse role yet).
 */
@ApiTags('admin')
@Controller('api/admin')
@UseGuards(SessionGuard)
@Roles('admin')
export class OrdersAdminController {
  constructor(
    private readonly services: ServiceRequests,
    private readonly sql: GatewaySql,
  ) {}

  @Get('orders')
  @ApiOperation({ summary: 'Orders in one state (optionally settled one way), newest first, a page at a time, with the counts of every state' })
  async list(@Query(new ZodPipe(orderListQuery)) query: z.infer<typeof orderListQuery>) {
    const reply = await this.services.send(orderBrowseV1, {
      state: query.state,
      paymentMethod: query.payment,
      limit: query.limit,
      offset: (query.page - 1) * query.limit,
    });
    return { ...reply, page: query.page, limit: query.limit };
  }

  @Get('orders/:orderId')
  @ApiOperation({ summary: 'One order: lines, totals, address, payment, its customer and its history' })
  async order(@Param('orderId', orderIdParam) orderId: string) {
    const found = await this.services.send(orderGetV1, { orderId });
    const { customer } = await this.services.send(customerGetV1, { customerId: found.order.customerId });
    return { ...found, history: await this.withStaffNames(found.history ?? []), customer };
  }

  /** Staff in the history by their username (orders knows only ids; the accounts live here). */
  private async withStaffNames(history: OrderStateChange[]): Promise<Array<OrderStateChange & { staffName?: string }>> {
    const staffIds = [...new Set(history.flatMap((step) => (step.actor?.kind === 'staff' ? [step.actor.staffId] : [])))];
    if (staffIds.length === 0) return history;
    const accounts = await this.sql.query<{ id: string; username: string }>(`SELECT "id"::text, "username" FROM @.staff_account WHERE "id"::text = ANY($1)`, [staffIds]);
    const names = new Map(accounts.map((account) => [account.id, account.username]));
    return history.map((step) => {
      const staffName = step.actor?.kind === 'staff' ? names.get(step.actor.staffId) : undefined;
      return staffName ? { ...step, staffName } : step;
    });
  }

  @Post('orders/:orderId/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a ready-to-ship order shipped (asking again answers with it as it is); 409 NOT_READY_TO_SHIP otherwise' })
  ship(@CurrentPrincipal() admin: StaffPrincipal, @Param('orderId', orderIdParam) orderId: string) {
    return this.services.send(orderShipV1, { orderId, actor: { kind: 'staff', staffId: admin.staffId } });
  }

  @Get('customers/:customerId/orders')
  @ApiOperation({ summary: "A customer's orders, newest first" })
  customerOrders(@Param('customerId', new ZodPipe(customerIdSchema)) customerId: string, @Query(new ZodPipe(customerOrdersQuery)) query: z.infer<typeof customerOrdersQuery>) {
    return this.services.send(orderListV1, { customerId, limit: query.limit });
  }
}
