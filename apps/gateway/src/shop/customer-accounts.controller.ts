import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { cartGetV1, customerIdSchema, walletGetV1 } from '@callcart/contracts';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { forbidden } from '../shared/api-error';
import { ServiceRequests } from '../shared/service-requests';
import { ZodPipe } from '../shared/zod-body';

const customerParam = new ZodPipe(customerIdSchema);

/**
 * A customer's cart and wallet by customer id: for the customer themselves (403 for anyone
 * else's) and for admins (the wallet top-up page).
 */
@ApiTags('customers')
@Controller('api/customers/:customerId')
@UseGuards(SessionGuard)
@Roles('customer', 'admin')
export class CustomerAccountsController {
  constructor(private readonly services: ServiceRequests) {}

  private check(principal: Principal, customerId: string): void {
    if (principal.kind === 'customer' && principal.customerId !== customerId) throw forbidden('this is another customer’s account');
  }

  @Get('cart')
  @ApiOperation({ summary: "A customer's cart (the customer's own, or any for an admin)" })
  cart(@CurrentPrincipal() principal: Principal, @Param('customerId', customerParam) customerId: string) {
    this.check(principal, customerId);
    return this.services.send(cartGetV1, { cart: { customerId } });
  }

  @Get('wallet')
  @ApiOperation({ summary: "A customer's wallet (the customer's own, or any for an admin)" })
  wallet(@CurrentPrincipal() principal: Principal, @Param('customerId', customerParam) customerId: string) {
    this.check(principal, customerId);
    return this.services.send(walletGetV1, { customerId });
  }
}
