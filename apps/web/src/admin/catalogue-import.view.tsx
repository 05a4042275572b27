import { useState } from 'react';
import { apiSend, describeError, newIdempotencyKey } from '../shared/api.client';
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
  if (!progress) {
    return (
      <p className="import-progress" role="status">
        Uploading… <progress aria-label="Import progress" />
      </p>
    );
  }
  const done = progress.phase !== 'running';
  return (
    <p className="import-progress" role="status">
      {progress.file}: {progress.phase}, {progress.linesRead} lines read ({progress.created} created, {progress.updated} updated, {progress.unchanged} unchanged,{' '}
      {progress.rejected} rejected){' '}
      <progress aria-label="Import progress" max={Math.max(1, totalLines)} value={done ? Math.max(1, totalLines) : Math.min(totalLines, progress.linesRead)} />
    </p>
  );
}

/** The report of a finished import: the counts, then every rejected row with its line and reason. */
export function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  return (
    <div className="import-report" aria-label="Import report">
      <h3>Report for {fileName}</h3>
      <p>
        {report.linesRead} lines read: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, {report.rejected} rejected.
      </p>
      {report.rejectedRows.length > 0 ? (
        <table aria-label="Rejected rows">
          <thead>
            <tr>
              <th>Line</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.rejectedRows.map((row, index) => (
              <tr key={`${row.line}-${index}`}>
                <td>{row.line}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
          {report.rejected > report.rejectedRows.length ? (
            <tfoot>
              <tr>
                <td colSpan={2}>Only the first {report.rejectedRows.length} of {report.rejected} rejected rows are listed.</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      ) : (
        <p className="muted">No rows were rejected.</p>
      )}
    </div>
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
      .catch((failure) => setError(describeError(failure)))
      .finally(() => setRunning(null));
  };
  return (
    <section className="panel" aria-label="Catalogue import">
      <h2>Catalogue import</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <label className="field">
          File (.csv, .jsonl){' '}
          <input type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" onChange={(event) => setFile(event.target.files?.[0] ?? null)} required />
        </label>
        <label className="field-inline">
          Currency (optional){' '}
          <input value={currency} maxLength={3} placeholder="CNY" onChange={(event) => setCurrency(event.target.value.toUpperCase())} aria-label="Import currency" />
        </label>
        <button type="submit" disabled={!file || !format || tooLarge || running !== null}>
          Import
        </button>
      </form>
      {file && !format ? <p className="error">Name the file .csv or .jsonl.</p> : null}
      {tooLarge ? <p className="error">This file is larger than {Math.round(IMPORT_UPLOAD_MAX_BYTES / 1000)} KB: import it with the command-line tool (npx callcart catalogue import FILE).</p> : null}
      {running ? <ImportProgressView progress={progressById[running.importId]} totalLines={running.totalLines} /> : null}
      {!running && report && progressById[report.report.importId] ? <ImportProgressView progress={progressById[report.report.importId]} totalLines={report.report.linesRead} /> : null}
      {error ? <p className="error">{error}</p> : null}
      {report ? <ImportReportView report={report.report} fileName={report.fileName} /> : null}
    </section>
  );
}
