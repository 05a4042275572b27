import { extractMentions } from './mention-extraction';
import { readChineseQuantity, readEnglishQuantity } from './quantity.reader';

describe('extractMentions', () => {
  it.each([
    ['um do you have the nivea hand cream please', [{ text: 'nivea hand cream', quantity: 1 }]],
    ["I'd like the lamp and appliance timer", [{ text: 'lamp and appliance timer', quantity: 1 }]],
    ['can I get a couple of lexmark printers', [{ text: 'lexmark printers', quantity: 2 }]],
    // "to" after a wanting word goes with a verb the lists may not know ("reorder"), not a count.
    ['we would like to reorder rca wire clips', [{ text: 'reorder rca wire clips', quantity: 1 }]],
    ['we need too packs of tissues', [{ text: 'tissues', quantity: 2 }]],
    ['i would like to order a hot water bottle', [{ text: 'hot water bottle', quantity: 1 }]],
    ['i want to buy the nivea creme', [{ text: 'nivea creme', quantity: 1 }]],
    ['I would like two bottles of coca cola and a dozen eggs', [{ text: 'coca cola', quantity: 2 }, { text: 'eggs', quantity: 12 }]],
    ['hi um the startech v s 221 d t thanks', [{ text: 'startech v s 221 d t', quantity: 1 }]],
    ['do you guys carry the seagate drive if you have it', [{ text: 'seagate drive', quantity: 1 }]],
    ['one of those creative lapgear deluxe', [{ text: 'creative lapgear deluxe', quantity: 1 }]],
    ['some thirty six high video production', [{ text: 'thirty six high video production', quantity: 1 }]],
    ['do you have 10 um 80 v 8800mah', [{ text: '10 80 v 8800mah', quantity: 1 }]],
    ['the u. s. stamp sign t4850 in stock', [{ text: 'u. s. stamp sign t4850', quantity: 1 }]],
    ['put me down for two packs of duracell batteries', [{ text: 'duracell batteries', quantity: 2 }]],
    ['my daughter asked me to pick up half a dozen glue sticks', [{ text: 'glue sticks', quantity: 6 }]],
    ['hello is this the shop? i want three bottles of ink', [{ text: 'ink', quantity: 3 }]],
    ['我要两瓶可口可乐', [{ text: '可口可乐', quantity: 2 }]],
    ['有没有可乐两瓶', [{ text: '可乐', quantity: 2 }]],
    ['麻烦帮我找一下沙乐华的徒步鞋，谢谢', [{ text: '沙乐华的徒步鞋', quantity: 1 }]],
    ['来三盒牛奶还有两瓶可乐', [{ text: '牛奶', quantity: 3 }, { text: '可乐', quantity: 2 }]],
    ['给我一个充电宝和两包纸巾', [{ text: '充电宝', quantity: 1 }, { text: '纸巾', quantity: 2 }]],
    ['你好，我要尼塔谷的乒乓球，有货吗', [{ text: '尼塔谷的乒乓球', quantity: 1 }]],
    ['麻烦给我来两瓶可口可乐', [{ text: '可口可乐', quantity: 2 }]],
    ['我要订五包乐事薯片', [{ text: '乐事薯片', quantity: 5 }]],
    ['可口可乐两瓶，送到家里', [{ text: '可口可乐 送到家里', quantity: 2 }]],
    ["hello, my name is john and i'd like kingston ddr2", [{ text: "my name is john and i'd like kingston ddr2", quantity: 1 }]],
    ['i want sharpie 4 set and nothing else', [{ text: 'sharpie 4 set and nothing else', quantity: 1 }]],
    ['for the kitchen we need two dozen magellan gps units', [{ text: 'magellan gps units', quantity: 24 }]],
    // A number word straight after a grammar word is a count, wherever it stands; "one" there is the pronoun.
    ["hello, my name is john and i'd like twenty brother printers", [{ text: 'brother printers', quantity: 20 }]],
    ['the one we always get is three kingston 8gb blue', [{ text: 'kingston 8gb blue', quantity: 3 }]],
    ['an iphone four case', [{ text: 'iphone four case', quantity: 1 }]],
    // Not a count: a number with only a measure after it, or after a subject pronoun (n-best readings of the speech bench).
    ['can i get have the cane been ten pack', [{ text: 'cane been ten pack', quantity: 1 }]],
    ["i'd like lee the led i eight lee kum", [{ text: 'lee the led i eight lee kum', quantity: 1 }]],
    ['the item number is gee f are two won oh', [{ text: 'gee f are two won oh', quantity: 1 }]],
    ['can you add sonix oh four one can you check', [{ text: 'add sonix oh four one can you check', quantity: 1 }]],
    // A number before a span of time counts time: the name before it stays the mention.
    ['tripp lite rack su1500rtxl2ua the last one lasted about two years', [{ text: 'tripp lite rack su1500rtxl2ua the last one lasted about two years', quantity: 1 }]],
    ['i need the wood tone desk pad in three weeks', [{ text: 'wood tone desk pad in three weeks', quantity: 1 }]],
  ])('%s', (text, expected) => {
    expect(extractMentions(text).map(({ text: mention, quantity }) => ({ text: mention, quantity }))).toEqual(expected);
  });

  it.each([
    ['is it possible to order a half dozen alienware cosmic black', 'alienware cosmic black', 6],
    ['next on the list, five more rca rc65i cradle', 'rca rc65i cradle', 5],
    ['is it possible to order three lots of magic wand jr', 'magic wand jr', 3],
    ["i'm after a replacement for my old one, it's twelve wideband dual sided", 'wideband dual sided', 12],
    ['thirty disney princess cups', 'disney princess cups', 30],
    // "a lot of" is many, not one lot: it is no count, and what follows stays a bare count.
    ["we're a small cafe and we go through a lot of twelve disney princess cups", 'disney princess cups', 12],
    // A number before a grammar word labels something else: the count, if any, comes later.
    ['right, number three on my list is a dozen secure ii', 'secure ii', 12],
    ['right, number three on my list is cisco usb adapter', 'cisco usb adapter', 1],
    // Inside a mention a bare count word is taken up to twenty only (garbled speech is full of them).
    ['can i get when shouyi the like the forty aa batteries', 'when shouyi the like the forty aa batteries', 1],
  ])('reads the count in "%s"', (text, mention, quantity) => {
    const [first] = extractMentions(text);
    expect(first.quantity).toBe(quantity);
    expect(first.text.endsWith(mention)).toBe(true);
  });

  it('keeps a count and a measure after "then" with the product before it, and still splits before a count of another product', () => {
    for (const carrierLists of [true, false]) {
      const options = { carrierLists };
      const mentions = extractMentions('i rang yesterday about smead now then 4 box', 'en', options);
      expect(mentions).toHaveLength(1);
      expect(mentions[0].text.endsWith('smead now then 4 box')).toBe(true);
      expect(extractMentions('two cokes and then three bags of chips', 'en', options).map(({ text, quantity }) => ({ text, quantity }))).toEqual([
        { text: 'cokes', quantity: 2 },
        { text: 'chips', quantity: 3 },
      ]);
    }
  });

  it('takes no piece of grammar words alone for a mention, with the lists or without', () => {
    for (const carrierLists of [true, false]) {
      const mentions = extractMentions('and also a bag of targus tsb17501us accents', 'en', { carrierLists });
      expect(mentions.map((mention) => mention.text)).toEqual(['targus tsb17501us accents']);
    }
  });

  it('finds no mention in greetings, fillers and bad input', () => {
    for (const text of ['', 'uh', 'um please', '你好', '嗯，谢谢', '\u0000\u0007', '😀', 'x'.repeat(10_000).slice(0, 0)]) {
      expect(extractMentions(text)).toEqual([]);
    }
  });

  it('keeps the last carrier word as a wider reading, since recognisers split names into carrier-like words', () => {
    expect(extractMentions('the to sheba t v')).toEqual([{ text: 'sheba t v', quantity: 1, widerText: 'to sheba t v' }]);
    expect(extractMentions('do you have the nivea cream')[0].widerText).toBeUndefined();
  });

  it('never throws and bounds the work on long or odd input', () => {
    const long = extractMentions(`do you have ${'seagate drive '.repeat(2000)}`);
    expect(long[0].text.length).toBeLessThanOrEqual(2000);
    expect(() => extractMentions("'; DROP TABLE products; -- .*+?^${}()|[]\\ 😀 硬盘")).not.toThrow();
  });
});

describe('quantities', () => {
  it.each([
    ['two lexmark printers', 2, 'lexmark printers'],
    ['a dozen eggs', 12, 'eggs'],
    ['a couple of pepsi', 2, 'pepsi'],
    ['twenty four cans of coke', 24, 'coke'],
    ['3 packs of batteries', 3, 'batteries'],
    ['thirty six high video', 1, 'thirty six high video'],
    ['10 80 v battery', 1, '10 80 v battery'],
    ['1 gig drive', 1, '1 gig drive'],
    ['seagate drive', 1, 'seagate drive'],
  ])('English: %s', (text, quantity, rest) => {
    expect(readEnglishQuantity(text)).toEqual({ quantity, rest });
  });

  it.each([
    ['两瓶可乐', 2, '可乐'],
    ['三盒牛奶', 3, '牛奶'],
    ['十二罐啤酒', 12, '啤酒'],
    ['可乐两瓶', 2, '可乐'],
    ['5斤大米', 5, '大米'],
    ['可口可乐', 1, '可口可乐'],
  ])('Chinese: %s', (text, quantity, rest) => {
    expect(readChineseQuantity(text)).toEqual({ quantity, rest });
  });
});
