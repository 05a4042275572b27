/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { highlightSegments } from '../shared/transcript-highlight.logic';
import type { TranscriptEvent } from '../shared/api-types';
import { TranscriptView } from './transcript.view';
import { setUpI18n } from '../i18n/i18n.setup';

setUpI18n('en');

const XSS_NAME = '<img src=x onerror=alert(1)>';
const line = (utteranceId: string, text: string, kind: 'interim' | 'final' = 'final', startMs = 0): TranscriptEvent => ({ kind, callId: 'CA1', utteranceId, text, startMs });

describe('highlightSegments', () => {
  it('marks recognised names case-insensitively, longest first', () => {
    expect(highlightSegments('two of the Nivea hand cream please', ['nivea', 'nivea hand cream'])).toEqual([
      { text: 'two of the ', highlighted: false },
      { text: 'Nivea hand cream', highlighted: true },
      { text: ' please', highlighted: false },
    ]);
  });

  it('marks every occurrence and leaves text without terms whole', () => {
    expect(highlightSegments('milk and milk', ['milk']).filter((segment) => segment.highlighted)).toHaveLength(2);
    expect(highlightSegments('hello', [])).toEqual([{ text: 'hello', highlighted: false }]);
    expect(highlightSegments('', ['x'])).toEqual([]);
  });

  it('joins the segments back into exactly the original text', () => {
    const text = '我要两瓶 妮维雅 润手霜 and some Milk';
    expect(highlightSegments(text, ['妮维雅', 'milk']).map((segment) => segment.text).join('')).toBe(text);
  });
});

describe('<TranscriptView>', () => {
  it('shows finals solid, the interim greyed, and highlights product names', () => {
    const { container } = render(<TranscriptView finals={[line('u-1', 'two of the nivea hand cream')]} interim={line('u-2', 'and some sham', 'interim', 5)} terms={['nivea hand cream']} />);
    const utterances = container.querySelectorAll('.utterance');
    expect(utterances).toHaveLength(2);
    expect(utterances[0]?.className).toBe('utterance');
    expect(utterances[1]?.className).toContain('utterance-interim');
    expect(container.querySelector('mark.product-mention')?.textContent).toBe('nivea hand cream');
  });

  it('renders an HTML-looking product name as literal text, never as markup', () => {
    const { container } = render(<TranscriptView finals={[line('u-1', `I want ${XSS_NAME} twice`)]} interim={null} terms={[XSS_NAME]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('mark')?.textContent).toBe(XSS_NAME);
    expect(screen.getByText(XSS_NAME)).toBeTruthy();
  });
});
