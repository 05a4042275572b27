import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CatalogueFileError, readCatalogueFile, type CatalogueFileEntry } from './catalogue-file.reader';
import { normaliseSku, toMinorUnits } from './product-record.schema';

/** The evaluation data, beside the repository (`../shared/eval`), or where CALLCART_EVAL_DIR says. */
const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');

const dir = mkdtempSync(join(tmpdir(), 'catalogue-file-'));
let fileNo = 0;
function file(extension: string, text: string): string {
  fileNo += 1;
  const path = join(dir, `catalogue-${fileNo}.${extension}`);
  writeFileSync(path, text);
  return path;
}
async function readAll(path: string, currency = 'USD'): Promise<CatalogueFileEntry[]> {
  const entries: CatalogueFileEntry[] = [];
  for await (const entry of readCatalogueFile(path, { defaultCurrency: currency })) entries.push(entry);
  return entries;
}

describe('catalogue file reader', () => {
  it('reads JSONL rows, reports bad lines and keeps the good ones', async () => {
    const path = file(
      'jsonl',
      [
        '{"id":"W0","sku":"121066","name":"draper infrared remote transmitter","brand":"draper","category":"electronics","price":58.45}',
        '{"id":"W1","sku":null,"name":"lamp","price":null}',
        '{not json',
        '',
        '{"id":"W3","name":"cable","price":-1}',
        '{"id":"W4","sku":"a b/c","name":"洗发水 500ml","aliases":["shampoo"],"price_minor":1299,"currency":"CNY"}',
        '{"id":"bad id!","name":"x"}',
        '[1,2]',
        '{"id":"W7","brand":"no name"}',
      ].join('\n'),
    );
    const entries = await readAll(path);
    expect(entries.map((entry) => [entry.line, 'error' in entry])).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [5, true],
      [6, false],
      [7, true],
      [8, true],
      [9, true],
    ]);
    expect(entries[0]).toEqual({
      line: 1,
      record: {
        id: 'W0',
        sku: '121066',
        name: 'draper infrared remote transmitter',
        brand: 'draper',
        category: 'electronics',
        aliases: [],
        priceMinor: 5845,
        currency: 'USD',
        active: true,
        language: 'en',
      },
    });
    expect(entries[1]).toMatchObject({ record: { sku: null, priceMinor: null, brand: null } });
    expect(entries[3]).toEqual({ line: 5, error: 'price: price must not be negative' });
    expect(entries[4]).toMatchObject({ record: { sku: 'a-b/c', priceMinor: 1299, currency: 'CNY', language: 'zh', aliases: ['shampoo'] } });
    expect(entries[7]).toMatchObject({ error: expect.stringContaining('name') });
  });

  it('reads CSV with a header, aliases split on "|", and rows with missing columns reported', async () => {
    const path = file(
      'csv',
      [
        'id,sku,name,brand,price,aliases,active,currency',
        'P1,DCS-1100,"d-link camera, network",d-link,99.82,cam|webcam,yes,',
        'P2,,free sample,,,,,',
        'P3,X1,short row',
        'P4,X2,yen thing,,1500,,false,JPY',
        'P5,X3,bad price,,12.345,,,',
      ].join('\r\n'),
    );
    const entries = await readAll(path);
    expect(entries).toEqual([
      {
        line: 2,
        record: {
          id: 'P1',
          sku: 'DCS-1100',
          name: 'd-link camera, network',
          brand: 'd-link',
          category: null,
          aliases: ['cam', 'webcam'],
          priceMinor: 9982,
          currency: 'USD',
          active: true,
          language: 'en',
        },
      },
      { line: 3, record: expect.objectContaining({ id: 'P2', sku: null, priceMinor: null }) },
      { line: 4, error: 'expected 8 columns, found 3' },
      { line: 5, record: expect.objectContaining({ priceMinor: 1500, currency: 'JPY', active: false }) },
      { line: 6, error: 'price: price 12.345 has more decimals than USD allows (2)' },
    ]);
  });

  it('reports a malformed CSV quote as a bad row and keeps reading', async () => {
    const entries = await readAll(file('csv', 'name,price\nok one,1\n"bad"x,2\nok two,3\n'));
    const seen = entries.map((entry) => ('error' in entry ? `${entry.line}:error` : `${entry.line}:${entry.record.name}`));
    expect(seen[0]).toBe('2:ok one');
    expect(seen[1]).toBe('3:error');
    expect(entries.every((entry) => 'record' in entry || entry.error.startsWith('not valid CSV'))).toBe(true);
  });

  it('reports each CSV row at the line it starts on, as an editor counts (header line 1, blank lines counted)', async () => {
    const csv = 'sku,name,price\r\n300001,Rice 5kg,45.00\r\n\r\n300002,"Tea\r\ngift box",3\r\n300003,,4\r\n300004,Soap,1';
    const entries = await readAll(file('csv', csv));
    expect(entries.map((entry) => ('error' in entry ? [entry.line, entry.error] : [entry.line, entry.record.name]))).toEqual([
      [2, 'Rice 5kg'],
      [4, 'Tea gift box'],
      [6, 'name is required'],
      [7, 'Soap'],
    ]);
  });

  it('says "name is required" for a row without a name, in CSV and JSONL alike', async () => {
    const fromJson = await readAll(file('jsonl', '{"sku":"1"}\n{"sku":"2","name":null}\n{"sku":"3","name":"  "}\n{"sku":"4","name":{"en":"x"}}\n'));
    expect(fromJson).toEqual([
      { line: 1, error: 'name is required' },
      { line: 2, error: 'name is required' },
      { line: 3, error: 'name is required' },
      { line: 4, error: 'name must be text' },
    ]);
    expect(await readAll(file('csv', 'sku,name\n1,\n'))).toEqual([{ line: 2, error: 'name is required' }]);
  });

  it('throws a CatalogueFileError for a missing file or a CSV without a name column', async () => {
    await expect(readAll(join(dir, 'nope.jsonl'))).rejects.toBeInstanceOf(CatalogueFileError);
    await expect(readAll(file('csv', 'id,sku\n1,2\n'))).rejects.toThrow(/no "name" column/);
    await expect(readAll(file('txt', 'x'))).rejects.toThrow(/unknown catalogue format/);
  });

  it('converts prices exactly, without float artefacts', () => {
    expect(toMinorUnits(58.45, 'USD')).toBe(5845);
    expect(toMinorUnits(0.29, 'USD')).toBe(29);
    expect(toMinorUnits('1.10', 'USD')).toBe(110);
    expect(toMinorUnits('1.100', 'USD')).toBe(110);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(toMinorUnits(7, 'JPY')).toBe(7);
    expect(() => toMinorUnits('1e5', 'USD')).toThrow(/not a decimal/);
  });

  it('normalises item numbers written with spaces, punctuation or full-width characters', () => {
    expect(normaliseSku(' hp ce278a ')).toBe('hp-ce278a');
    expect(normaliseSku('eos,80d')).toBe('eos-80d');
    expect(normaliseSku('DCS-1100')).toBe('DCS-1100');
    expect(normaliseSku('ilce-6000l(16-50）')).toBe('ilce-6000l-16-50');
    expect(normaliseSku('ＡＢ－１２３')).toBe('AB-123');
  });

  it('imports a row whose item number cannot be one without it, keeps the text as another name and notes it; without an id, rejects it', async () => {
    const path = file(
      'jsonl',
      [
        '{"id":"tb-1","sku":"豹子号","name":"第三套人民币豹子号555一套","aliases":["纪念币"]}',
        '{"id":"tb-2","sku":"mac25*50-s-ca","name":"迷你气缸"}',
        '{"sku":"u十","name":"背背佳"}',
      ].join('\n'),
    );
    const [first, second, third] = await readAll(path);
    expect(first).toMatchObject({ line: 1, record: { id: 'tb-1', sku: null, aliases: ['纪念币', '豹子号'] } });
    expect('note' in first && first.note).toBe('item number "豹子号" is not one callcart can use (an item number is 1-40 letters, digits, ".", "_", "/" or "-"): the product has an item number callcart assigns (kept on later imports), "豹子号" is another name of it');
    expect(second).toEqual({ line: 2, record: expect.objectContaining({ sku: 'mac25-50-s-ca', aliases: [] }) });
    expect(third).toEqual({ line: 3, error: 'sku: an item number is 1-40 letters, digits, ".", "_", "/" or "-"; a row with an id may have any item number' });
  });

  const evalFiles = [`${EVAL_DIR}/catalogue-en.jsonl`, `${EVAL_DIR}/catalogue-zh.jsonl`];
  if (evalFiles.every((path) => existsSync(path))) {
    it('reads every row of both evaluation catalogues, noting the item numbers that cannot be one', async () => {
      const [en, zh] = await Promise.all(evalFiles.map((path) => readAll(path)));
      const rejected = [...en, ...zh].filter((entry) => 'error' in entry);
      const noted = [...en, ...zh].filter((entry) => 'note' in entry && entry.note !== undefined);
      expect(en.length).toBe(24_628);
      expect(zh.length).toBe(5_512);
      expect(rejected).toEqual([]);
      expect(noted.length).toBeGreaterThan(0);
      expect(noted.length).toBeLessThan(100);
      expect(noted.every((entry) => 'record' in entry && entry.record.sku === null)).toBe(true);
      const zhRecord = zh.find((entry) => 'record' in entry && entry.record.id === 'tb-train-2');
      expect(zhRecord).toMatchObject({ record: { language: 'zh', aliases: expect.arrayContaining(['羚跑', '双肩包']) } });
    });
  }
});
