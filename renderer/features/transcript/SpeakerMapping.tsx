/**
 * Captions name their speakers ("Kari Nordmann"): each name is mapped to P1…Pn of this interview
 * or to "Intervjuer". The names stay in this form's state; only the labels enter the transcript.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/model';
import type { SpeakerMap } from '../../../shared/transcript/captions';

const INTERVIEWER = '__interviewer__';

/** Default guess: the first voice is the interviewer, the next ones P1, P2 … in order. */
export function defaultMapping(speakers: readonly string[], participants: readonly Participant[]): Record<string, string> {
  const out: Record<string, string> = {};
  speakers.forEach((s, i) => {
    out[s] = i === 0 ? INTERVIEWER : (participants[Math.min(i - 1, participants.length - 1)]?.id ?? INTERVIEWER);
  });
  return out;
}

export function SpeakerMapping({ fileName, speakers, participants, onDone, onCancel }: {
  fileName: string;
  speakers: readonly string[];
  participants: readonly Participant[];
  onDone: (map: SpeakerMap) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(() => defaultMapping(speakers, participants));
  return (
    <section className="card" aria-labelledby="tx-map-h" data-testid="speaker-mapping">
      <h2 id="tx-map-h">{t('transcript.speakers.title', { file: fileName })}</h2>
      <p className="muted">{t('transcript.speakers.intro')}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('transcript.speakers.inFile')}</th>
            <th scope="col">{t('transcript.speakers.becomes')}</th>
          </tr>
        </thead>
        <tbody>
          {speakers.map((s, i) => (
            <tr key={s || `unknown-${i}`}>
              <th scope="row">{s || t('transcript.speakers.unknown')}</th>
              <td>
                <select
                  aria-label={t('transcript.speakers.becomesFor', { speaker: s || t('transcript.speakers.unknown') })}
                  value={choice[s] ?? INTERVIEWER}
                  onChange={(e) => setChoice({ ...choice, [s]: e.target.value })}
                >
                  <option value={INTERVIEWER}>{t('transcript.speakers.interviewer')}</option>
                  {participants.map((p) => (
                    <option key={p.id} value={p.id}>{p.id}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        <button
          type="button"
          className="primary"
          data-testid="mapping-done"
          onClick={() => onDone(Object.fromEntries(speakers.map((s) => [s, choice[s] === INTERVIEWER || choice[s] === undefined ? null : choice[s]])))}
        >
          {t('transcript.speakers.continue')}
        </button>
      </div>
    </section>
  );
}
