import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { signInRequestCodeV1, signInVerifyCodeV1 } from '@callcart/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { CallRoutingService } from '../routing/call-routing.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';
import { StaffAccountsService } from '../staff/staff-accounts.service';
import { csrfClearingCookie, csrfCookieFor } from './csrf-token';
import type { Principal } from './principal';
import { CurrentPrincipal, SessionGuard } from './session.guard';
import { readCookie, SESSION_COOKIE, SessionsService } from './sessions.service';
import { SignInRateLimiter, type ThrottleKey } from './sign-in-rate-limiter';

const staffSignInBody = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });
const requestCodeBody = z.object({ phone: z.string().trim().min(1).max(64) });
const verifyCodeBody = z.object({ phone: z.string().trim().min(1).max(64), code: z.string().regex(/^[0-9]{6}$/, 'six digits') });

function clientAddress(request: Request): string {
  return request.socket.remoteAddress ?? 'unknown';
}

/** A phone number as one key however it is written: E.164 when it parses, else its digits. */
function phoneKey(phone: string, region: CountryCode): string {
  const parsed = parsePhoneNumberFromString(phone, region);
  return parsed?.isValid() ? parsed.number : `raw:${phone.replace(/[^0-9]/g, '')}`;
}

/**
 * Signing in and out: staff with username and password, customers with their phone number and
 * a one-time code that the orders service sends and checks. Failures back off per client address
 * and per account (or number) with that address, never per account alone, so nobody can lock the
 * owner out from elsewhere (decision 0075).
 */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly staff: StaffAccountsService,
    private readonly sessions: SessionsService,
    private readonly limiter: SignInRateLimiter,
    private readonly services: ServiceRequests,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly routing: CallRoutingService,
  ) {}

  /** The session cookie and its CSRF token's cookie (docs/decisions/0070). */
  private sessionCookies(token: string): string[] {
    return [this.sessions.cookieFor(token), csrfCookieFor(token, this.config.cookieSecure)];
  }

  /** The throttle keys of a request: its address, and the account or number with that address. */
  private keys(request: Request, account: string): [address: ThrottleKey, accountAtAddress: ThrottleKey] {
    const address = clientAddress(request);
    const free = this.config.signInFreeFailures;
    return [
      { key: `ip:${address}`, freeEvents: free.perAddress },
      { key: `${account}|ip:${address}`, freeEvents: free.perAccountAddress },
    ];
  }

  @Post('staff/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff sign-in: sets the cc_session cookie' })
  @ApiZodBody(staffSignInBody)
  async staffSignIn(
    @Body(new ZodPipe(staffSignInBody)) body: z.infer<typeof staffSignInBody>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Principal> {
    const keys = this.keys(request, `staff:${body.username}`);
    await this.limiter.check(keys);
    const principal = await this.staff.authenticate(body.username, body.password);
    if (!principal) {
      await this.limiter.count(keys);
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    await this.limiter.forget(keys[1]);
    response.setHeader('Set-Cookie', this.sessionCookies(await this.sessions.open(principal)));
    return principal;
  }

  @Post('customer/request-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Customer sign-in, step 1: text a one-time code to the phone number' })
  @ApiZodBody(requestCodeBody)
  async requestCode(@Body(new ZodPipe(requestCodeBody)) body: z.infer<typeof requestCodeBody>, @Req() request: Request) {
    // Every code asked for counts (each one is a text message sent): per address, and per number with the address.
    const keys = this.keys(request, `code:${phoneKey(body.phone, this.config.defaultRegion)}`);
    await this.limiter.check(keys);
    await this.limiter.count(keys);
    return this.services.send(signInRequestCodeV1, { phone: body.phone, requestedFrom: clientAddress(request) });
  }

  @Post('customer/verify-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Customer sign-in, step 2: check the code; sets the cc_session cookie' })
  @ApiZodBody(verifyCodeBody)
  async verifyCode(
    @Body(new ZodPipe(verifyCodeBody)) body: z.infer<typeof verifyCodeBody>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Principal & { newlyRegistered: boolean }> {
    const keys = this.keys(request, `phone:${phoneKey(body.phone, this.config.defaultRegion)}`);
    await this.limiter.check(keys);
    const verified = await this.services.send(signInVerifyCodeV1, { phone: body.phone, code: body.code, requestedFrom: clientAddress(request) }).catch(async (error: unknown) => {
      if (error instanceof ApiError && error.getStatus() === 401) await this.limiter.count(keys);
      throw error;
    });
    await this.limiter.forget(keys[1]);
    const principal: Principal = { kind: 'customer', customerId: verified.customer.customerId, phone: verified.customer.phone };
    response.setHeader('Set-Cookie', this.sessionCookies(await this.sessions.open(principal)));
    return { ...principal, newlyRegistered: verified.newlyRegistered };
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session and clears the cookie; an agent stops taking calls' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const principal = await this.sessions.resolve(token);
    await this.sessions.close(token);
    // Availability is not sticky across sign-ins: an agent who left must not be rung.
    if (principal?.kind === 'staff' && principal.role === 'agent') await this.routing.setAvailability(principal.staffId, false, 'signed-out');
    response.setHeader('Set-Cookie', [this.sessions.clearingCookie(), csrfClearingCookie(this.config.cookieSecure)]);
  }

  @Get('me')
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'Who the session belongs to' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
