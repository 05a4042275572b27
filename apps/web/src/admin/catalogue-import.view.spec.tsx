/** @jest-environment jsdom */
import type { LiveFrame } from '../shared/api-types';
import { render, screen, within } from '@testing-library/react';
import { importFormatOfFile, importProgressReducer, importUploadPath, type ImportReport } from './catalogue-import.logic';
import { ImportProgressView, ImportReportView } from './catalogue-import.view';
import { setUpI18n } from '../i18n/i18n.setup';

setUpI18n('en');

const IMPORT_ID = '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
const report: ImportReport = {
  importId: IMPORT_ID,
  linesRead: 3,
  created: 1,
  updated: 1,
  unchanged: 0,
  rejected: 2,
  rejectedRows: [
    { line: 3, reason: 'price: a negative price' },
    { line: 4, reason: '<img src=x onerror=alert(1)>' },
  ],
};

describe('catalogue import logic', () => {
  it('keeps the latest progress per import and ignores other frames', () => {
    const running = { importId: IMPORT_ID, phase: 'running' as const, file: 'a.csv', linesRead: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 };
    const first = importProgressReducer({}, { type: 'import.progress', data: running });
    expect(first[IMPORT_ID]).toMatchObject({ linesRead: 1 });
    const second = importProgressReducer(first, { type: 'import.progress', data: { ...running, phase: 'completed', linesRead: 3 } });
    expect(second[IMPORT_ID]).toMatchObject({ phase: 'completed', linesRead: 3 });
    expect(importProgressReducer(second, { type: 'reindex.progress', data: { reindexId: IMPORT_ID, phase: 'indexing', done: 1, total: 2 } })).toBe(second);
    const malformed = JSON.parse('{"type":"import.progress","data":{"nonsense":true}}') as LiveFrame;
    expect(importProgressReducer(second, malformed)).toBe(second);
  });

  it('tells the format from the file name and builds the upload path', () => {
    expect(importFormatOfFile('Spring.CSV')).toBe('csv');
    expect(importFormatOfFile('items.ndjson')).toBe('jsonl');
    expect(importFormatOfFile('notes.txt')).toBeNull();
    expect(importUploadPath('spring & summer.csv', 'csv', IMPORT_ID, 'CNY')).toBe(
      `/api/admin/catalogue/imports?fileName=spring+%26+summer.csv&format=csv&importId=${IMPORT_ID}&currency=CNY`,
    );
  });
});

describe('<ImportReportView>', () => {
  it('shows the counts and each rejected row with its line and reason, as text', () => {
    const { container } = render(<ImportReportView report={report} fileName="spring.csv" />);
    expect(screen.getByText(/3 lines read: 1 created, 1 updated, 0 unchanged, 2 rejected/)).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Rejected rows' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['LineReason', '3price: a negative price', '4<img src=x onerror=alert(1)>']);
    expect(container.querySelector('img')).toBeNull();
  });

  it('says when the list of rejected rows is cut short, and when nothing was rejected', () => {
    const { rerender } = render(<ImportReportView report={{ ...report, rejected: 1500 }} fileName="big.csv" />);
    expect(screen.getByText('Only the first 2 of 1500 rejected rows are listed.')).toBeTruthy();
    rerender(<ImportReportView report={{ ...report, rejected: 0, rejectedRows: [] }} fileName="clean.csv" />);
    expect(screen.getByText('No rows were rejected.')).toBeTruthy();
  });

  it('lists the rows imported with a new item number, and no such table when there are none', () => {
    const note = 'item number "豹子号" is not one callcart can use (an item number is 1-40 letters, digits, ".", "_", "/" or "-"): the product has an item number callcart assigns (kept on later imports), "豹子号" is another name of it';
    const { rerender } = render(<ImportReportView report={{ ...report, notes: [{ line: 7, reason: note }] }} fileName="taobao.jsonl" />);
    const rows = within(screen.getByRole('table', { name: 'Imported with a new item number' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['LineWhat changed', `7${note}`]);
    rerender(<ImportReportView report={{ ...report, notes: [] }} fileName="clean.jsonl" />);
    expect(screen.queryByRole('table', { name: 'Imported with a new item number' })).toBeNull();
  });
});

describe('<ImportProgressView>', () => {
  it('fills the bar with the lines read of the lines in the file, and fully once completed', () => {
    const progress = { importId: IMPORT_ID, phase: 'running' as const, file: 'a.csv', linesRead: 40, created: 30, updated: 5, unchanged: 3, rejected: 2 };
    const { rerender } = render(<ImportProgressView progress={progress} totalLines={100} />);
    const bar = screen.getByRole('progressbar', { name: 'Import progress' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([40, 100]);
    expect(screen.getByRole('status').textContent).toContain('running, 40 lines read');
    rerender(<ImportProgressView progress={{ ...progress, phase: 'completed', linesRead: 99 }} totalLines={100} />);
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(100);
    rerender(<ImportProgressView progress={undefined} totalLines={100} />);
    expect(screen.getByRole('status').textContent).toContain('Uploading');
  });
});
