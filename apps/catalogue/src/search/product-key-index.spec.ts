import type { Language } from '@callcart/contracts';
import { ProductKeyIndex } from './product-key-index';
import { contractProduct } from './search-engine.contract';

function indexOf(...products: Parameters<typeof contractProduct>[]): ProductKeyIndex {
  const index = new ProductKeyIndex();
  for (const args of products) index.upsert(contractProduct(...args));
  return index;
}

describe('ProductKeyIndex', () => {
  const index = indexOf(
    ['seagate', 'seagate barracuda internal hard drive', { brand: 'seagate' }],
    ['seagate-ext', 'seagate expansion external hard drive', { brand: 'seagate' }],
    ['wd', 'wd blue internal hard drive', { brand: 'western digital' }],
    ['skates', 'inline skates size 42'],
    ['gate', 'garden gate latch'],
  );

  it('ranks an n-best that repeats the text or itself as if each reading were given once', () => {
    const once = index.search('see gate internal drive', ['seagate internal drive'], undefined, 5);
    expect(once.hits[0]?.productId).toBe('seagate');
    expect(index.search('see gate internal drive', ['see gate internal drive', 'seagate internal drive', 'seagate internal drive'], undefined, 5)).toEqual(once);
    expect(index.search('see gate internal drive', ['see gate internal drive'], undefined, 5)).toEqual(index.search('see gate internal drive', [], undefined, 5));
  });

  it('adds what an alternative finds, discounted, and counts it in the total', () => {
    const alone = index.search('skates', [], undefined, 5);
    expect(alone.hits.map((hit) => hit.productId)).toEqual(['skates']);
    expect(alone.total).toBe(1);
    const withAlternative = index.search('skates', ['seagate barracuda'], undefined, 5);
    expect(withAlternative.hits.map((hit) => hit.productId)).toEqual(['skates', 'seagate']);
    expect(withAlternative.hits[1].score).toBeCloseTo(0.95 * index.search('seagate barracuda', [], undefined, 1).hits[0].score, 12);
    expect(withAlternative.total).toBe(2);
  });

  it('reads a merged word as the two catalogue words it is made of, and leaves a word the catalogue has alone', () => {
    const merged = indexOf(['toshiba', 'toshiba satellite laptop platinum'], ['lap', 'lap desk tray'], ['other', 'acer laptop black']);
    expect(merged.search('two packs of toshibalaptop platinum', [], undefined, 5).hits[0]?.productId).toBe('toshiba');
    expect(merged.search('satellite', [], undefined, 5).hits.map((hit) => hit.productId)).toEqual(['toshiba']);
  });

  it('reads a word run together from three or more catalogue words, digits included, as those words', () => {
    const merged = indexOf(
      ['toner', 'canon x25 toner cartridge'],
      ['tape', 'hp lto tape cartridge'],
      ['phones', 'sennheiser hd218 headphones for music players'],
      ['other', 'sennheiser hd202 headphones'],
    );
    expect(merged.search('send us canontonercartridge', [], undefined, 5).hits[0]?.productId).toBe('toner');
    expect(merged.search('sennheiser hd218players please', [], undefined, 5).hits[0]?.productId).toBe('phones');
  });

  it('takes a word of talk the catalogue lacks as heard, and still reads a word it does not know as its catalogue neighbour', () => {
    // Enough products that a one-edit neighbour held by one of them is not too common to look up (fuzzyShare).
    const shop = indexOf(['pad', 'thick paper pad'], ...Array.from({ length: 40 }, (_, i): [string, string] => [`pen-${i}`, `blue gel pen ${i}`]));
    expect(shop.search('thinck', [], undefined, 5).hits.map((hit) => hit.productId)).toEqual(['pad']);
    expect(shop.search('think', [], undefined, 5).hits).toEqual([]);
    expect(shop.search('i think thick paper', [], undefined, 5).hits[0]?.productId).toBe('pad');
  });

  it('weighs grammar words lightly, so a listing that happens to hold the caller\'s "on your" does not outrank the product', () => {
    const shop = indexOf(
      ['ringtones', 'make ringtones on your mac'],
      ['screen', 'elite screens vmax2 series motorized projection screen in white case'],
      ['builder', 'website builder software'],
      ['saw', 'circular saw blade'],
      ...Array.from({ length: 40 }, (_, i): [string, string] => [`filler-${i}`, `white elite ${['usb cable', 'phone case', 'mouse', 'keyboard'][i % 4]} ${i}`]),
    );
    expect(shop.search('i saw on your website elite vmax2 white', [], undefined, 5).hits[0]?.productId).toBe('screen');
    expect(shop.search('ringtones on your mac', [], undefined, 5).hits[0]?.productId).toBe('ringtones');
  });

  it('weighs words people say all the time lightly when the catalogue seldom has them, so a listing holding "got" or "husband" does not outrank the product', () => {
    const kinds = ['usb cable', 'phone case', 'wireless mouse', 'keyboard', 'hdmi adapter', 'memory card', 'laptop bag', 'desk lamp'];
    const shop = indexOf(
      ['cable', 'sony vmc md2 audio video cable black', { brand: 'sony' }],
      ['webcam', 'quick 1.3 mp webcam with night vision'],
      ['frame', 'husband and wife photo frame'],
      ['gift', 'got your back husband gift mug'],
      ['mug', 'got coffee mug'],
      ...Array.from({ length: 2000 }, (_, i): [string, string] => [`filler-${i}`, `${['black', 'white', 'blue', 'red'][i % 4]} ${kinds[i % kinds.length]} model ${i}`]),
    );
    expect(shop.search('hi, i got a message from my husband, he needs the md2 cable', [], undefined, 5).hits[0]?.productId).toBe('cable');
    expect(shop.search('quick one, have you got the sony md2 black for my husband', [], undefined, 5).hits[0]?.productId).toBe('cable');
    // What the catalogue holds stays findable by the same words.
    expect(shop.search('the husband and wife frame', [], undefined, 5).hits[0]?.productId).toBe('frame');
    expect(shop.search('got coffee mug', [], undefined, 5).hits[0]?.productId).toBe('mug');
  });

  it('reads two words a recogniser split a name into as that name, though one of them is a grammar word', () => {
    const kinds = ['usb cable', 'phone case', 'wireless mouse', 'keyboard', 'hdmi adapter', 'memory card', 'laptop bag', 'desk lamp'];
    const shop = indexOf(
      ['wilson', 'wilson signal booster kit', { brand: 'wilson' }],
      ['wilson-antenna', 'wilson panel antenna', { brand: 'wilson' }],
      ['arkon', 'arkon sports armband for iphone', { brand: 'arkon' }],
      ['sony-band', 'sony arm band for mp3 players', { brand: 'sony' }],
      ...Array.from({ length: 200 }, (_, i): [string, string] => [`filler-${i}`, `${['black', 'white'][i % 2]} ${kinds[i % kinds.length]} kit ${i}`]),
    );
    expect(shop.search("i'm looking for the will son kit", [], undefined, 5).hits[0]?.productId).toBe('wilson');
    expect(shop.search('um i wanted to order are con arm band', [], undefined, 5).hits[0]?.productId).toBe('arkon');
  });

  it('does not hold a lead-in or a question after the name against the product', () => {
    const shop = indexOf(['ink', 'canon pixma black ink cartridge'], ['gift', 'birthday present gift bag'], ['office', 'office chair black']);
    expect(shop.search("it's for a birthday present from the office, canon black ink, how much is that", [], undefined, 5).hits[0]?.productId).toBe('ink');
  });

  it('weighs a word a listing writes as one ("harddrives") as common as the same words apart, so it does not outrank every "hard drive"', () => {
    const kinds = ['usb cable', 'phone case', 'wireless mouse', 'keyboard', 'hdmi adapter', 'memory card', 'laptop bag', 'desk lamp'];
    const shop = indexOf(
      ['clickfree', 'clickfree c2 500gb usb 3.0 portable external hard drive'],
      ['blackarmor', 'blackarmor 400 case only harddrives'],
      ...Array.from({ length: 60 }, (_, i): [string, string] => [`drive-${i}`, `${['seagate', 'wd', 'toshiba', 'lacie'][i % 4]} ${['internal', 'external', 'portable'][i % 3]} hard drive ${i}`]),
      ...Array.from({ length: 300 }, (_, i): [string, string] => [`filler-${i}`, `${['black', 'white'][i % 2]} ${kinds[i % kinds.length]} ${i}`]),
    );
    const said = 'right, let me read it off the box, eleven clickfree hard drive the cheapest you have';
    const found = shop.search(said, [], undefined, 5).hits.map((hit) => hit.productId);
    expect(found[0]).toBe('clickfree');
    expect(found).not.toContain('blackarmor');
    expect(shop.search('blackarmor harddrives', [], undefined, 5).hits[0]?.productId).toBe('blackarmor');
  });

  it('finds what an edit added or removed on words it has searched for before', () => {
    const changing = indexOf(['stapler', 'swingline stapler'], ['punch', 'swingline hole punch']);
    expect(changing.search('lexmark toner swingline', [], undefined, 5).hits.map((hit) => hit.productId).sort()).toEqual(['punch', 'stapler']);
    changing.upsert(contractProduct('toner', 'lexmark toner cartridge'));
    expect(changing.search('lexmark toner swingline', [], undefined, 5).hits[0]?.productId).toBe('toner');
    changing.remove('toner');
    changing.remove('punch');
    expect(changing.search('lexmark toner swingline', [], undefined, 5).hits.map((hit) => hit.productId)).toEqual(['stapler']);
  });

  it('finds a product in a language it does not know only when no language is asked for', () => {
    const odd = indexOf(['fr', 'disque dur seagate', { language: 'fr' as Language }]);
    expect(odd.search('disque dur seagate', [], undefined, 5).hits.map((hit) => hit.productId)).toEqual(['fr']);
    expect(odd.search('disque dur seagate', [], 'en', 5).hits).toEqual([]);
    expect(odd.search('disque dur seagate', [], 'xx' as Language, 5).hits).toEqual([]);
  });

  it('drops removed and deactivated products from results, and finds them again once re-added', () => {
    const changing = indexOf(['a', 'lexmark inkjet printer'], ['b', 'lexmark laser printer']);
    changing.remove('a');
    changing.upsert(contractProduct('b', 'lexmark laser printer', { active: false }));
    expect(changing.search('lexmark printer', [], undefined, 5).hits).toEqual([]);
    changing.upsert(contractProduct('a', 'lexmark inkjet printer'));
    expect(changing.search('lexmark printer', [], undefined, 5).hits.map((hit) => hit.productId)).toEqual(['a']);
    expect(changing.productCount).toBe(2);
  });
});
