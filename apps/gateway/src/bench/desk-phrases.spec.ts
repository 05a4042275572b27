import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { phrasesFromCatalogue, phrasesFromQueries } from './desk-phrases';

describe('desk benchmark phrases', () => {
  const folder = mkdtempSync(join(tmpdir(), 'desk-phrases-'));
  const file = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('takes the noisy query as the best guess and the clean one as the second alternative', () => {
    const path = file(
      'queries.jsonl',
      [
        JSON.stringify({ qid: 'en-001', clean: 'do you have lexmark inkjet printer', noisy: 'do you have lex mark inkjet printer' }),
        JSON.stringify({ qid: 'en-002', clean: 'a sony tv', noisy: 'a sony tv' }),
        'not json',
        JSON.stringify({ qid: 'en-003', clean: 'no noisy text' }),
      ].join('\n'),
    );
    expect(phrasesFromQueries(path)).toEqual([
      {
        text: 'do you have lex mark inkjet printer',
        alternatives: [
          { text: 'do you have lex mark inkjet printer', confidence: 0.82 },
          { text: 'do you have lexmark inkjet printer', confidence: 0.61 },
        ],
      },
      { text: 'a sony tv', alternatives: [{ text: 'a sony tv', confidence: 0.82 }] },
    ]);
  });

  it('refuses a query file without noisy texts', () => {
    expect(() => phrasesFromQueries(file('empty.jsonl', '{"clean":"x"}\n'))).toThrow(/no queries with a "noisy" text/);
  });

  it('builds phrases from product names of a JSON Lines or CSV catalogue', () => {
    const jsonl = file('products.jsonl', ['{"id":"1","name":"Nivea Creme 150 ml"}', '{"id":"2","name":"Pringles Original 165 g"}'].join('\n'));
    expect(phrasesFromCatalogue(jsonl).map((phrase) => phrase.text)).toEqual(['do you have nivea creme 150', "i'd like pringles original 165"]);
    const csv = file('products.csv', 'id,name,price\n1,"Lipton Yellow Label Tea, 100 bags",3.20\n2,Colgate Total,2.10\n');
    expect(phrasesFromCatalogue(csv)).toEqual([
      { text: 'do you have lipton yellow label', alternatives: [{ text: 'do you have lipton yellow label', confidence: 0.8 }] },
      { text: "i'd like colgate total", alternatives: [{ text: "i'd like colgate total", confidence: 0.8 }] },
    ]);
    expect(() => phrasesFromCatalogue(file('bad.csv', 'id,title\n1,x\n'))).toThrow(/no "name" column/);
  });
});
