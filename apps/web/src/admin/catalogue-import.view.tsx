import { type ReactNode, useState } from 'react';
import { apiSend, newIdempotencyKey } from '../shared/api.client';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';
import {
  IMPORT_UPLOAD_MAX_BYTES,
  importFormatOfFile,
  type ImportProgress,
  type ImportReport,
  importUploadPath,
} from './catalogue-import.logic';

/** Lines of a file as an importer reads them (a last line without a newline counts). */
function countLines(text: string): number {
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/** The progress bar of one import: lines read of the lines the page counted in the file. */
export function ImportProgressView({ progress, totalLines }: { progress: ImportProgress | undefined; totalLines: number }) {
  const { t } = useLocale();
  if (!progress) {
    return (
      <p className="import-progress" role="status">
        {t('admin.import.uploading')} <progress aria-label={t('admin.import.progressLabel')} />
      </p>
    );
  }
  const done = progress.phase !== 'running';
  return (
    <p className="import-progress" role="status">
      {t('admin.import.progress', { ...progress })}{' '}
      <progress aria-label={t('admin.import.progressLabel')} max={Math.max(1, totalLines)} value={done ? Math.max(1, totalLines) : Math.min(totalLines, progress.linesRead)} />
    </p>
  );
}

/** The report of a finished import: the counts, every rejected row with its line and reason, then the rows imported with a note. */
export function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  const { t } = useLocale();
  return (
    <div className="import-report" aria-label={t('admin.import.reportLabel')}>
      <h3>{t('admin.import.reportFor', { file: fileName })}</h3>
      <p>{t('admin.import.reportCounts', { ...report })}</p>
      {report.rejectedRows.length > 0 ? (
        <ReportedRows label={t('admin.import.rejectedRows')} reasonHeading={t('admin.import.reason')} rows={report.rejectedRows}>
          {report.rejected > report.rejectedRows.length ? t('admin.import.onlyFirst', { listed: report.rejectedRows.length, rejected: report.rejected }) : null}
        </ReportedRows>
      ) : (
        <p className="muted">{t('admin.import.noneRejected')}</p>
      )}
      {report.notes && report.notes.length > 0 ? (
        // Rows imported, but not entirely as written: the merchant should know which item numbers were replaced.
        <ReportedRows label={t('admin.import.notedRows')} reasonHeading={t('admin.import.note')} rows={report.notes} captioned />
      ) : null}
    </div>
  );
}

/** A report's rows, each line with what the import says of it; `children`, if any, is a footer. */
function ReportedRows({ label, reasonHeading, rows, captioned = false, children }: { label: string; reasonHeading: string; rows: readonly { line: number; reason: string }[]; captioned?: boolean; children?: ReactNode }) {
  const { t } = useLocale();
  return (
    <table aria-label={label}>
      {captioned ? <caption>{label}</caption> : null}
      <thead>
        <tr>
          <th>{t('admin.import.line')}</th>
          <th>{reasonHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.line}-${index}`}>
            <td>{row.line}</td>
            <td>{row.reason}</td>
          </tr>
        ))}
      </tbody>
      {children ? (
        <tfoot>
          <tr>
            <td colSpan={2}>{children}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/**
 * Upload a catalogue file (CSV or JSON Lines up to 640 KB; larger files go through the CLI):
 * the page picks the import id so it can follow `import.progress` while the upload's answer,
 * the report, is still on its way.
 */
export function ImportSection({ progressById }: { progressById: Record<string, ImportProgress> }) {
  const [file, setFile] = useState<File | null>(null);
  const [currency, setCurrency] = useState('');
  const [running, setRunning] = useState<{ importId: string; fileName: string; totalLines: number } | null>(null);
  const [report, setReport] = useState<{ report: ImportReport; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useLocale();
  const format = file ? importFormatOfFile(file.name) : null;
  const tooLarge = file !== null && file.size > IMPORT_UPLOAD_MAX_BYTES;
  const start = async () => {
    if (!file || !format || tooLarge) return;
    const importId = newIdempotencyKey();
    setError(null);
    setReport(null);
    setRunning({ importId, fileName: file.name, totalLines: countLines(await file.text()) });
    await apiSend<ImportReport>('POST', importUploadPath(file.name, format, importId, currency.trim() || undefined), {
      body: file,
      contentType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    })
      .then((answer) => setReport({ report: answer, fileName: file.name }))
      .catch((failure) => setError(describeFailure(failure)))
      .finally(() => setRunning(null));
  };
  return (
    <section className="panel" aria-label={t('admin.import.region')}>
      <h2>{t('admin.import.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <label className="field">
          {t('admin.import.file')}{' '}
          <input type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" onChange={(event) => setFile(event.target.files?.[0] ?? null)} required />
        </label>
        <label className="field-inline">
          {t('admin.import.currency')}{' '}
          <input value={currency} maxLength={3} placeholder="CNY" onChange={(event) => setCurrency(event.target.value.toUpperCase())} aria-label={t('admin.import.currencyLabel')} />
        </label>
        <button type="submit" disabled={!file || !format || tooLarge || running !== null}>
          {t('admin.import.start')}
        </button>
      </form>
      {file && !format ? <p className="error">{t('admin.import.badName')}</p> : null}
      {tooLarge ? <p className="error">{t('admin.import.tooLarge', { kb: Math.round(IMPORT_UPLOAD_MAX_BYTES / 1000) })}</p> : null}
      {running ? <ImportProgressView progress={progressById[running.importId]} totalLines={running.totalLines} /> : null}
      {!running && report && progressById[report.report.importId] ? <ImportProgressView progress={progressById[report.report.importId]} totalLines={report.report.linesRead} /> : null}
      {error ? <p className="error">{error}</p> : null}
      {report ? <ImportReportView report={report.report} fileName={report.fileName} /> : null}
    </section>
  );
}
