import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { callIdSchema } from '@callcart/contracts';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { CallHandlingService } from '../routing/call-handling.service';
import { CallRoutingService } from '../routing/call-routing.service';
import { CallTransferService } from '../routing/call-transfer.service';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';

const holdBody = z.object({ onHold: z.boolean() });
const transferBody = z.object({ toAgentId: z.uuid() });
const notesBody = z.object({ notes: z.string().max(2000) });
const callIdParam = new ZodPipe(callIdSchema);

/** The agent's hands on a call routed to them: answer, hold, hang up, transfer, notes; and the end of their wrap-up. */
@ApiTags('agent')
@Controller('api/agent')
@UseGuards(SessionGuard)
@Roles('agent')
export class AgentCallControlController {
  constructor(
    private readonly routing: CallRoutingService,
    private readonly handling: CallHandlingService,
    private readonly transfers: CallTransferService,
  ) {}

  @Post('calls/:callId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the call ringing at this desk (a new call, or a colleague’s transfer)' })
  answer(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    return this.handling.answer(agent.staffId, callId);
  }

  @Post('calls/:callId/hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the caller on hold (waiting audio) or take them back' })
  @ApiZodBody(holdBody)
  hold(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string, @Body(new ZodPipe(holdBody)) body: z.infer<typeof holdBody>) {
    return this.handling.hold(agent.staffId, callId, body.onHold);
  }

  @Post('calls/:callId/hangup')
  @HttpCode(202)
  @ApiOperation({ summary: 'Hang up: the call ends at the carrier, then call.ended arrives' })
  async hangUp(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    await this.handling.hangUp(agent.staffId, callId);
    return { callId, hangingUp: true };
  }

  @Post('calls/:callId/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: "Ring a free colleague's desk to take the call over" })
  @ApiZodBody(transferBody)
  transfer(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string, @Body(new ZodPipe(transferBody)) body: z.infer<typeof transferBody>) {
    return this.transfers.start(agent.staffId, callId, body.toAgentId);
  }

  @Delete('calls/:callId/transfer')
  @ApiOperation({ summary: 'Stop ringing the colleague; the call stays with this agent' })
  async cancelTransfer(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    const call = await this.transfers.cancel(agent.staffId, callId);
    await this.routing.dispatch();
    return call;
  }

  @Put('calls/:callId/notes')
  @ApiOperation({ summary: "Store the agent's notes on a call they had (up to a day after it ended)" })
  @ApiZodBody(notesBody)
  notes(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string, @Body(new ZodPipe(notesBody)) body: z.infer<typeof notesBody>) {
    return this.handling.saveNotes(agent.staffId, callId, body.notes);
  }

  @Post('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the wrap-up now: calls may ring again' })
  ready(@CurrentPrincipal() agent: StaffPrincipal) {
    return this.routing.ready(agent.staffId);
  }

  @Get('status')
  @ApiOperation({ summary: "The agent's own status (available, wrap-up)" })
  status(@CurrentPrincipal() agent: StaffPrincipal) {
    return this.routing.agentStatus(agent.staffId);
  }

  @Get('agents')
  @ApiOperation({ summary: 'Active agents for the transfer menu' })
  agents() {
    return this.transfers.candidates();
  }
}
