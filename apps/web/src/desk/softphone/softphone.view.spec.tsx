/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import { setUpI18n } from '../../i18n/i18n.setup';
import { microphoneProblem, stateOfConnection } from './softphone.logic';
import { DeskSoftphone, SoftphoneView } from './softphone.view';

setUpI18n('en');

const named = (name: string) => Object.assign(new Error(name), { name });

describe('softphone logic', () => {
  it("reads getUserMedia's refusals as plain problems", () => {
    expect(microphoneProblem(named('NotAllowedError'))).toEqual({ kind: 'microphoneDenied' });
    expect(microphoneProblem(named('NotFoundError'))).toEqual({ kind: 'noMicrophone' });
    expect(microphoneProblem(named('NotReadableError'))).toEqual({ kind: 'microphoneBusy' });
  });

  it('follows the connection: connected, reconnecting, failed', () => {
    expect(stateOfConnection('connected')).toBe('connected');
    expect(stateOfConnection('disconnected')).toBe('connecting');
    expect(stateOfConnection('failed')).toBe('failed');
    expect(stateOfConnection('closed')).toBe('failed');
  });
});

describe('<SoftphoneView>', () => {
  it('mutes and unmutes through the handle, and says when the microphone was refused', () => {
    const setMuted = jest.fn();
    const { rerender } = render(<SoftphoneView phone={{ state: 'connected', muted: false, setMuted, problem: null, remote: null }} />);
    screen.getByRole('button', { name: 'Mute' }).click();
    expect(setMuted).toHaveBeenCalledWith(true);
    expect(screen.getByText('On the line')).toBeTruthy();
    rerender(<SoftphoneView phone={{ state: 'failed', muted: false, setMuted, problem: { kind: 'microphoneDenied' }, remote: null }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/not allowed to use your microphone/);
  });
});

describe('<DeskSoftphone>', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    delete (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection;
    delete (navigator as { mediaDevices?: unknown }).mediaDevices;
  });

  it('asks for nothing without a call, and shows the refusal when the browser denies the microphone', async () => {
    const fetched: string[] = [];
    globalThis.fetch = jest.fn(async (url: string | URL | Request) => {
      fetched.push(String(url));
      return { ok: true, status: 200, text: async () => JSON.stringify({ iceServers: [] }) };
    }) as unknown as typeof fetch;
    (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = class {};
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: () => Promise.reject(named('NotAllowedError')) } });
    const { rerender } = render(<DeskSoftphone callId={undefined} />);
    expect(screen.getByText('No call audio')).toBeTruthy();
    expect(fetched).toEqual([]);
    rerender(<DeskSoftphone callId="CA-1" />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/not allowed to use your microphone/));
    expect(fetched).toEqual(['/api/agent/voice/config']);
    expect(screen.getByText('Call audio stopped')).toBeTruthy();
  });
});
