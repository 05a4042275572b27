import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { callIdSchema, voiceSessionCloseV1, voiceSessionOfferV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { CallRoutingService } from '../routing/call-routing.service';
import { ApiError, unwrapReply } from '../shared/api-error';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';
import { mayCarryVoice } from './voice-access';

const offerBody = z.object({ sdp: voiceSessionOfferV1.request.shape.sdp });
const callIdParam = new ZodPipe(callIdSchema);

/** The voice service gathers its candidates before answering (a few hundred ms; 3 s at most). */
const OFFER_TIMEOUT_MS = 8000;

/**
 * The desk's softphone signalling: the ICE servers to gather with, the WebRTC offer relayed to a
 * voice replica (only by the agent who holds the call) and its answer back, and leaving.
 */
@ApiTags('agent')
@Controller('api/agent')
@UseGuards(SessionGuard)
@Roles('agent')
export class AgentVoiceController {
  constructor(
    private readonly routing: CallRoutingService,
    private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('voice/config')
  @ApiOperation({ summary: "The STUN/TURN servers the desk's softphone gathers candidates with" })
  voiceConfig() {
    return { iceServers: this.config.iceServers };
  }

  @Post('calls/:callId/voice')
  @HttpCode(200)
  @ApiOperation({ summary: "Connect the agent's audio to the call they hold: a WebRTC offer (all candidates in it) in, the answer out" })
  @ApiZodBody(offerBody)
  async connect(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Body(new ZodPipe(offerBody)) body: z.infer<typeof offerBody>,
  ) {
    const call = await this.routing.find(callId);
    if (!call) throw new ApiError(404, 'CALL_NOT_FOUND', 'no such call');
    if (!mayCarryVoice(call, agent.staffId)) throw new ApiError(403, 'NOT_YOUR_CALL', 'only the agent holding this call can talk on it');
    const reply = await this.bus.request(voiceSessionOfferV1, { callId, agentId: agent.staffId, sdp: body.sdp }, { callId, timeoutMs: OFFER_TIMEOUT_MS });
    return { sdp: unwrapReply(reply).sdp };
  }

  @Delete('calls/:callId/voice')
  @HttpCode(204)
  @ApiOperation({ summary: "Disconnect the agent's own audio from the call (whichever voice replica carries it)" })
  async leave(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string): Promise<void> {
    await this.bus.publish(voiceSessionCloseV1, { callId, agentId: agent.staffId, reason: 'agent-left' });
  }
}
