import { foldSyllable, hanSyllables } from './pinyin-keys';
import { looseCode, metaphoneCodes, tokenize, wordForm } from './phonetic-keys';
import { documentKeys, queryFeatures } from '../search/product-keys';

const keysOf = (text: string) => new Set(documentKeys([text], null).map(({ key }) => key));
const featureKeys = (text: string) => new Set(queryFeatures(text).features.map(({ key }) => key));
const meet = (query: string, product: string) => [...featureKeys(query)].filter((key) => keysOf(product).has(key));

describe('phonetic keys (Latin script)', () => {
  it('gives sound-alike words the same Double Metaphone code', () => {
    expect(metaphoneCodes('cisco')).toEqual(metaphoneCodes('sisco'));
    expect(metaphoneCodes('epson')[0]).toBe(metaphoneCodes('appson')[0]);
    expect(metaphoneCodes('12345')).toEqual([]);
  });

  it('joins adjacent query words so a split name meets the listing ("see gate" ↔ seagate, "lex mark" ↔ lexmark)', () => {
    expect(meet('see gate drive', 'seagate barracuda drive')).toEqual(expect.arrayContaining(['m:SKT']));
    expect(meet('lex mark printer', 'lexmark printer')).toEqual(expect.arrayContaining(['w:lexmark']));
  });

  it('joins a one-letter word to the next only exactly ("i pod" ↔ ipod), never by sound or one edit ("i need" is not "need" twice)', () => {
    expect(meet('i pod dock', 'apple ipod dock')).toEqual(expect.arrayContaining(['w:ipod']));
    const joined = queryFeatures('i need').features.filter((feature) => feature.positions.length === 2);
    expect(joined.filter((feature) => feature.fuzzy || feature.key.startsWith('m:') || feature.key.startsWith('r:'))).toEqual([]);
    expect(joined.length).toBeGreaterThan(0);
  });

  it('joins adjacent listing words so a compound query meets a split name ("smarthome" ↔ "smart home")', () => {
    expect(meet('smarthome', 'ge smart home motion sensor')).toEqual(expect.arrayContaining(['jw:smarthome']));
  });

  it('reads spelled runs and number words as one model word', () => {
    expect(featureKeys('v s 221 d p')).toContain('w:vs221dp');
    expect(featureKeys('u s b cable')).toContain('w:usb');
    expect(featureKeys('twenty oh seven')).toContain('w:2007');
    expect(featureKeys('see s 6124')).toContain('w:cs6124');
  });

  it('reads letters said one by one as one word, not as parts that could meet a fragment of a model number', () => {
    const keys = featureKeys('siberia u s b headset');
    expect(keys).toContain('w:usb');
    expect(keys).not.toContain('w:sb');
    expect(keys).not.toContain('w:us');
    expect(featureKeys('x d e 100')).toContain('w:e100');
  });

  it('says which word stands at each position (a Han character has none), for the index to weigh', () => {
    const { positionCount, positionWords } = queryFeatures("can you check if you've got the sony case 可乐");
    expect(positionWords).toEqual(['can', 'you', 'check', 'if', 'youve', 'got', 'the', 'sony', 'case', '', '']);
    expect(positionWords).toHaveLength(positionCount);
  });

  it('folds units and plurals, and drops R for the loose code', () => {
    expect(wordForm('gig')).toBe('gb');
    expect(wordForm('printers')).toBe('printer');
    expect(looseCode('printer')).toBe(looseCode('printawe'));
    expect(tokenize('D-Link DCS-1100 可口可乐 150ml')).toEqual(['d', 'link', 'dcs', '1100', '可口可乐', '150ml']);
  });
});

describe('pinyin keys (Han script)', () => {
  it('folds tones and near-homophones: zh/z, ch/c, sh/s, l/n, -ng/-n', () => {
    expect(foldSyllable('zhang')).toBe('zan');
    expect(foldSyllable('chi')).toBe('ci');
    expect(foldSyllable('shi')).toBe('si');
    expect(foldSyllable('lan')).toBe('nan');
    expect(foldSyllable('ling')).toBe('nin');
    expect(hanSyllables('沙乐华')).toEqual(hanSyllables('杀乐华'));
    expect(hanSyllables('抽湿机')).toEqual(hanSyllables('绸湿机'));
  });

  it('folds the other fuzzy-pinyin pairs of input methods: f/h and r/l', () => {
    expect(foldSyllable('fang')).toBe(foldSyllable('hang'));
    expect(foldSyllable('rou')).toBe(foldSyllable('lou'));
    expect(hanSyllables('饭盒')).toEqual(hanSyllables('焊盒'));
    expect(hanSyllables('肉松')).toEqual(hanSyllables('楼松'));
  });

  it('matches by syllable pairs regardless of how the words would be segmented', () => {
    expect(meet('杀乐华徒步鞋', '美国代购正品沙乐华男式徒步鞋')).toEqual(expect.arrayContaining(['y:sa-ne', 'y:ne-hua', 'h:徒步']));
  });
});
