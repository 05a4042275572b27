import { Body, Controller, Get, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { STAFF_ROLES } from '../auth/principal';
import { Roles, SessionGuard } from '../auth/session.guard';
import { readCookie, SESSION_COOKIE } from '../auth/sessions.service';
import { MIN_PASSWORD_LENGTH } from '../gateway.config';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';
import { type StaffAccount, StaffAccountsService } from './staff-accounts.service';

const password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(200);
const createStaffBody = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,64}$/, '3-64 lower-case letters, digits, ".", "_" or "-"'),
  password,
  role: z.enum(STAFF_ROLES),
});
const updateStaffBody = z
  .object({ role: z.enum(STAFF_ROLES).optional(), active: z.boolean().optional(), password: password.optional() })
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

/** Staff management, for admins only. */
@ApiTags('admin')
@Controller('api/admin/staff')
@UseGuards(SessionGuard)
@Roles('admin')
export class StaffAdminController {
  constructor(private readonly staff: StaffAccountsService) {}

  @Get()
  @ApiOperation({ summary: 'Every staff account' })
  list(): Promise<StaffAccount[]> {
    return this.staff.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiZodBody(createStaffBody)
  create(@Body(new ZodPipe(createStaffBody)) body: z.infer<typeof createStaffBody>): Promise<StaffAccount> {
    return this.staff.create(body);
  }

  @Patch(':staffId')
  @ApiOperation({ summary: 'Change a role, deactivate or reactivate, or set a new password' })
  @ApiZodBody(updateStaffBody)
  update(
    @Param('staffId', new ZodPipe(z.uuid())) staffId: string,
    @Body(new ZodPipe(updateStaffBody)) body: z.infer<typeof updateStaffBody>,
    @Req() request: Request,
  ): Promise<StaffAccount> {
    return this.staff.update(staffId, body, readCookie(request.headers.cookie, SESSION_COOKIE));
  }
}
