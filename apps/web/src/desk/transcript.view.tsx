import { highlightSegments } from '../shared/transcript-highlight.logic';
import type { TranscriptEvent } from '../shared/api-types';
import { useLocale } from '../i18n/locale-switch.view';
import { speakerOf } from './being-confirmed.logic';

function Line({ line, terms, interim }: { line: TranscriptEvent; terms: readonly string[]; interim: boolean }) {
  const { t } = useLocale();
  const speaker = speakerOf(line);
  return (
    <p className={`utterance utterance-${speaker}${interim ? ' utterance-interim' : ''}`} data-utterance={line.utteranceId} data-speaker={speaker}>
      <span className="speaker">{t(`transcript.speaker.${speaker}`)}</span>{' '}
      {highlightSegments(line.text, terms).map((segment, index) =>
        segment.highlighted ? (
          <mark key={index} className="product-mention">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * The live transcript of both sides, each line labelled with whose words they are (caller or
 * agent): settled lines solid, the current guess greyed, recognised product names highlighted.
 * Everything is rendered as text nodes (never as HTML).
 */
export function TranscriptView({ finals, interim, terms }: { finals: TranscriptEvent[]; interim: TranscriptEvent | null; terms: readonly string[] }) {
  const { t } = useLocale();
  return (
    <section className="panel transcript" aria-label={t('transcript.heading')} aria-live="polite">
      <h2>{t('transcript.heading')}</h2>
      {finals.length === 0 && !interim ? <p className="muted">{t('transcript.waiting')}</p> : null}
      {finals.map((line) => (
        <Line key={line.utteranceId} line={line} terms={terms} interim={false} />
      ))}
      {interim ? <Line line={interim} terms={terms} interim /> : null}
    </section>
  );
}
