/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { setUpI18n } from '../i18n/i18n.setup';
import { CallTimer, formatCallDuration } from './call-timer.view';

setUpI18n('en');

describe('<CallTimer>', () => {
  it('writes durations as m:ss, and h:mm:ss past an hour', () => {
    expect([0, 999, 65_000, 600_000, 3_725_000, -5_000].map(formatCallDuration)).toEqual(['0:00', '0:00', '1:05', '10:00', '1:02:05', '0:00']);
  });

  it('ticks while the call lasts and stands still at its end', () => {
    jest.useFakeTimers();
    try {
      let now = Date.parse('2025-03-14T01:27:00.000Z');
      const clock = () => now;
      const { rerender } = render(<CallTimer since="2025-03-14T01:26:00.000Z" now={clock} />);
      expect(screen.getByLabelText('Call duration').textContent).toBe('1:00');
      now += 5_000;
      act(() => jest.advanceTimersByTime(1_000));
      expect(screen.getByLabelText('Call duration').textContent).toBe('1:05');
      rerender(<CallTimer since="2025-03-14T01:26:00.000Z" endedAt="2025-03-14T01:28:30.000Z" now={clock} />);
      now += 60_000;
      act(() => jest.advanceTimersByTime(5_000));
      expect(screen.getByLabelText('Call duration').textContent).toBe('2:30');
    } finally {
      jest.useRealTimers();
    }
  });
});
