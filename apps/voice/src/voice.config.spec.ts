import { ConfigError } from '@callcart/service-kit';
import { loadVoiceConfig } from './voice.config';

describe('voice configuration', () => {
  it('defaults to no ICE servers, 5 s audio loss and a 40 ms reorder window', () => {
    const config = loadVoiceConfig({});
    expect(config).toMatchObject({ iceServers: [], agentAudioLossMs: 5000, reorderWindowMs: 40, udpPorts: undefined });
    expect(config.service.http.port).toBe(3005);
  });

  it('reads STUN and TURN servers and a UDP port range', () => {
    const config = loadVoiceConfig({
      ICE_SERVERS: '[{"urls":"stun:stun.example.com:3478"},{"urls":["turn:turn.example.com:3478?transport=udp"],"username":"u","credential":"p"}]',
      VOICE_UDP_PORTS: '40000-40099',
    });
    expect(config.iceServers).toHaveLength(2);
    expect(config.udpPorts).toEqual([40000, 40099]);
  });

  it.each([
    ['ICE_SERVERS', 'stun:stun.example.com'],
    ['ICE_SERVERS', '[{"urls":"http://example.com"}]'],
    ['AGENT_AUDIO_LOSS_MS', '10'],
    ['VOICE_UDP_PORTS', '50000-40000'],
  ])('refuses a bad %s (%s), naming the variable', (variable, value) => {
    expect(() => loadVoiceConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadVoiceConfig({ [variable]: value })).toThrow(variable);
  });
});
