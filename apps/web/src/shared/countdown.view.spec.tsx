/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { formatSeconds, secondsLeft } from './countdown.logic';
import { Countdown } from './countdown.view';

describe('countdown logic', () => {
  const now = Date.parse('2025-03-14T01:26:53.000Z');

  it('counts whole seconds up to the deadline and never below zero', () => {
    expect(secondsLeft('2025-03-14T01:31:53.000Z', now)).toBe(300);
    expect(secondsLeft('2025-03-14T01:26:53.400Z', now)).toBe(1);
    expect(secondsLeft('2025-03-14T01:20:00.000Z', now)).toBe(0);
    expect(secondsLeft(null, now)).toBeNull();
    expect(secondsLeft('not a date', now)).toBeNull();
  });

  it('formats m:ss and h:mm:ss', () => {
    expect(formatSeconds(300)).toBe('5:00');
    expect(formatSeconds(65)).toBe('1:05');
    expect(formatSeconds(3725)).toBe('1:02:05');
    expect(formatSeconds(0)).toBe('0:00');
  });
});

describe('<Countdown>', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2025-03-14T01:26:53.000Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('ticks down every second and shows the expiry text at zero', () => {
    render(<Countdown deadline="2025-03-14T01:26:56.000Z" label="Payment window" expiredText="expired" />);
    expect(screen.getByRole('timer', { name: 'Payment window' }).textContent).toContain('0:03');
    act(() => void jest.advanceTimersByTime(1000));
    expect(screen.getByRole('timer').textContent).toContain('0:02');
    act(() => void jest.advanceTimersByTime(2000));
    expect(screen.getByRole('timer').textContent).toContain('expired');
    expect(screen.getByRole('timer').className).toContain('countdown-expired');
  });

  it('renders nothing without a deadline', () => {
    const { container } = render(<Countdown deadline={null} label="x" expiredText="y" />);
    expect(container.textContent).toBe('');
  });
});
