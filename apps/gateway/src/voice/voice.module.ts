import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { RoutingModule } from '../routing/routing.module';
import { AgentVoiceController } from './agent-voice.controller';

/** The desk softphone's signalling, relayed to the voice service for the agent the call is connected to. */
@Module({ imports: [SessionsModule, RoutingModule], controllers: [AgentVoiceController] })
export class VoiceModule {}
