/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { setUpI18n } from '../../i18n/i18n.setup';
import { connectedCall, ME, order, ringingCall } from '../desk-fixtures.spec-helper';
import { CallBar, type CallBarActions } from './call-bar.view';
import { queueSummary } from './queue-summary.logic';
import { RingingBanner } from './ringing-banner.view';
import { WrapUpView } from './wrap-up.view';

setUpI18n('en');

const actions = (): CallBarActions & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    hold: (onHold) => void calls.push(`hold ${onHold}`),
    hangUp: () => void calls.push('hang up'),
    transfer: (to) => void calls.push(`transfer ${to}`),
    cancelTransfer: () => void calls.push('cancel transfer'),
    loadColleagues: async () => [
      { staffId: ME, username: 'me', available: true, onCall: true, wrappingUp: false },
      { staffId: 'b2', username: 'li.na', available: true, onCall: false, wrappingUp: false },
      { staffId: 'c3', username: 'zhao.lei', available: true, onCall: true, wrappingUp: false },
    ],
  };
};

describe('<RingingBanner>', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2025-03-14T01:27:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  it('says who calls and counts down to the ring deadline, and Answer answers', () => {
    const onAnswer = jest.fn();
    render(<RingingBanner call={ringingCall()} me={ME} busy={false} onAnswer={onAnswer} />);
    expect(screen.getByRole('alertdialog', { name: 'Incoming call' }).textContent).toContain('Incoming call from +8613800138000');
    expect(screen.getByText('Answer within 14 s, or it goes to the next agent.')).toBeTruthy();
    act(() => void jest.advanceTimersByTime(4000));
    expect(screen.getByText('Answer within 10 s, or it goes to the next agent.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Answer (Enter)' }));
    expect(onAnswer).toHaveBeenCalledTimes(1);
  });

  it('says a colleague hands the call over, with the transfer’s deadline', () => {
    render(<RingingBanner call={connectedCall(undefined, { agentId: 'b2', transferTo: ME, transferDeadline: '2025-03-14T01:27:20.000Z' })} me={ME} busy={false} onAnswer={jest.fn()} />);
    expect(screen.getByText('A colleague is handing you a call from +8613800138000')).toBeTruthy();
    expect(screen.getByText('Answer within 20 s, or it goes to the next agent.')).toBeTruthy();
  });
});

describe('<CallBar>', () => {
  it('holds and takes off hold, hangs up once, and lists only free colleagues to transfer to', async () => {
    const bar = actions();
    const { rerender } = render(<CallBar call={connectedCall()} me={ME} queue={[]} busy={false} actions={bar} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    rerender(<CallBar call={connectedCall(undefined, { onHold: true })} me={ME} queue={[]} busy={false} actions={bar} />);
    expect(screen.getByText('On hold: the caller hears the waiting music.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Take off hold' }));
    const hangUp = screen.getByRole('button', { name: 'Hang up' });
    fireEvent.click(hangUp);
    fireEvent.click(hangUp);
    await act(async () => void fireEvent.focus(screen.getByRole('combobox', { name: 'Transfer to…' })));
    const options = [...screen.getByRole('combobox', { name: 'Transfer to…' }).querySelectorAll('option')].map((option) => [option.textContent, option.disabled]);
    expect(options).toEqual([['Choose a colleague', false], ['li.na', false], ['zhao.lei (busy)', true]]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Transfer to…' }), { target: { value: 'b2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(bar.calls).toEqual(['hold true', 'hold false', 'hang up', 'transfer b2']);
  });

  it('shows the transfer ringing with a way to cancel it, and the queue behind the call', async () => {
    const bar = actions();
    const { rerender } = render(<CallBar call={connectedCall()} me={ME} queue={[]} busy={false} actions={bar} />);
    await act(async () => void fireEvent.focus(screen.getByRole('combobox', { name: 'Transfer to…' })));
    const queue = [{ callId: 'q1', callerNumber: '+1', queuedAt: new Date(Date.now() - 95_000).toISOString() }, { callId: 'q2', callerNumber: '+2', queuedAt: new Date(Date.now() - 5_000).toISOString() }];
    rerender(<CallBar call={connectedCall(undefined, { transferTo: 'b2' })} me={ME} queue={queue} busy={false} actions={bar} />);
    expect(screen.getByText(/Ringing li.na for the hand-over/)).toBeTruthy();
    expect(screen.getByText(/^2 waiting, the longest for 1:3[45]\.$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the transfer' }));
    expect(bar.calls).toEqual(['cancel transfer']);
  });
});

describe('queueSummary', () => {
  it('counts the callers and finds the longest wait; nobody waiting is 0', () => {
    const now = Date.parse('2025-03-14T01:30:00.000Z');
    expect(queueSummary([{ callId: 'a', callerNumber: '+1', queuedAt: '2025-03-14T01:28:00.000Z' }, { callId: 'b', callerNumber: '+2', queuedAt: null }], now)).toEqual({ count: 2, longestWaitMs: 120_000 });
    expect(queueSummary([], now)).toEqual({ count: 0, longestWaitMs: 0 });
  });
});

describe('<WrapUpView>', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2025-03-14T01:40:00.000Z') }));
  afterEach(() => jest.useRealTimers());
  const ended = connectedCall(undefined, { status: 'ended', endedAt: '2025-03-14T01:39:50.000Z' });
  const wrapping = { staffId: ME, available: false, wrapUpUntil: '2025-03-14T01:40:25.000Z', wrapUpCallId: ended.callId, reason: 'wrap-up' as const };

  it('shows the outcome, saves the notes, counts the wrap-up down, and Ready ends it', async () => {
    const saved: string[] = [];
    const onReady = jest.fn();
    render(<WrapUpView call={ended} order={order()} status={wrapping} notice={null} busy={false} onSaveNotes={async (notes) => (saved.push(notes), true)} onReady={onReady} />);
    expect(screen.getByRole('region', { name: 'Wrap-up' }).textContent).toContain('Wrap up the call with +8613800138000');
    expect(screen.getByText(/^Order placed: CN¥/)).toBeTruthy();
    expect(screen.getByText('The next call can ring in 25 s.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Notes on this call'), { target: { value: 'Wants delivery after 5 pm' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Save notes' })));
    expect(saved).toEqual(['Wants delivery after 5 pm']);
    expect(screen.getByText('Notes saved.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Ready for the next call' }));
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it('says when no order was placed and when the call went to a colleague', () => {
    render(<WrapUpView call={ended} order={null} status={null} notice="callTransferred" busy={false} onSaveNotes={async () => true} onReady={jest.fn()} />);
    expect(screen.getByText('No order was placed on this call.')).toBeTruthy();
    expect(screen.getByText('The call went to a colleague.')).toBeTruthy();
    expect(screen.queryByText(/The next call can ring in/)).toBeNull();
  });
});
