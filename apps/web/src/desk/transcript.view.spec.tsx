/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { highlightSegments } from '../shared/transcript-highlight.logic';
import type { TranscriptEvent } from '../shared/api-types';
import { TranscriptView } from './transcript.view';
import { chooseLocale, setUpI18n } from '../i18n/i18n.setup';
import { act } from '@testing-library/react';
import { beingConfirmed } from './being-confirmed.logic';
import { finalLine, hit, interimLine } from './desk-fixtures.spec-helper';

setUpI18n('en');

const XSS_NAME = '<img src=x onerror=alert(1)>';
const line = (utteranceId: string, text: string, kind: 'interim' | 'final' = 'final', startMs = 0, speaker?: 'caller' | 'agent'): TranscriptEvent =>
  kind === 'final' ? finalLine(utteranceId, text, startMs, speaker ? { speaker } : {}) : interimLine(utteranceId, text, startMs, speaker);

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
    expect(utterances[0]?.className).toBe('utterance utterance-caller');
    expect(utterances[1]?.className).toContain('utterance-interim');
    expect(container.querySelector('mark.product-mention')?.textContent).toBe('nivea hand cream');
  });

  it('renders an HTML-looking product name as literal text, never as markup', () => {
    const { container } = render(<TranscriptView finals={[line('u-1', `I want ${XSS_NAME} twice`)]} interim={null} terms={[XSS_NAME]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('mark')?.textContent).toBe(XSS_NAME);
    expect(screen.getByText(XSS_NAME)).toBeTruthy();
  });

  it('labels each line with whose words it is: unlabelled lines are the caller’s', () => {
    const { container } = render(
      <TranscriptView finals={[line('u-1', 'two nivea creme please', 'final', 0), line('u-2', 'that is the nivea creme 250 ml', 'final', 900, 'agent')]} interim={line('u-3', 'yes th', 'interim', 2000, 'caller')} terms={[]} />,
    );
    const speakers = [...container.querySelectorAll('.utterance')].map((utterance) => [utterance.getAttribute('data-speaker'), utterance.querySelector('.speaker')?.textContent]);
    expect(speakers).toEqual([
      ['caller', 'Caller'],
      ['agent', 'Agent'],
      ['caller', 'Caller'],
    ]);
    act(() => chooseLocale('zh-CN'));
    try {
      expect(container.querySelector('.utterance-agent .speaker')?.textContent).toBe('坐席');
    } finally {
      act(() => chooseLocale('en'));
    }
  });
});

describe('beingConfirmed', () => {
  const candidates = [hit('W0', 'Nivea Creme 250 ml'), hit('W1', 'Nivea Soft Cream 100 ml'), hit('R', 'Arawana Northeast Pearl Rice 5 kg', { chineseName: '金龙鱼东北珍珠米 5公斤' })];

  it('is the candidate the agent’s latest line names, by the longest name it says', () => {
    expect(beingConfirmed([line('u-1', 'nivea soft cream please'), line('u-2', 'so that is the nivea soft cream', 'final', 900, 'agent')], candidates)).toBe('W1');
    expect(beingConfirmed([line('u-2', 'the nivea creme', 'final', 900, 'agent'), line('u-4', '金龙鱼东北珍珠米 5公斤 对吗', 'interim', 3000, 'agent')], candidates)).toBe('R');
  });

  it('ignores the caller’s words and agent lines that name no candidate', () => {
    expect(beingConfirmed([line('u-1', 'the nivea creme please')], candidates)).toBeNull();
    expect(beingConfirmed([line('u-1', 'the nivea creme', 'final', 0, 'agent'), line('u-2', 'anything else today', 'final', 900, 'agent')], candidates)).toBeNull();
  });
});
