import { everyPairOnce, trainingSentences } from './catalogue-language-model';

describe('the catalogue language model’s training sentences', () => {
  it('reads every ordered pair of digit words exactly once, a word after itself too', () => {
    const words = ['zero', 'oh', 'one', 'two', 'double'];
    const sequence = everyPairOnce(words);
    const pairs = sequence.slice(1).map((word, index) => `${sequence[index]} ${word}`);
    expect(sequence).toHaveLength(words.length ** 2 + 1);
    expect(new Set(pairs).size).toBe(words.length ** 2);
    expect(pairs).toContain('oh oh');
    expect(pairs).toContain('double zero');
  });

  it('repeats a small catalogue’s phrases until they are at least half of what the model learns', () => {
    const sentences = trainingSentences(['coffee beans', 'green tea']);
    const products = sentences.filter((words) => words.join(' ').endsWith('coffee beans') || words.join(' ').endsWith('green tea'));
    expect(products.length * 2).toBeGreaterThanOrEqual(sentences.length);
    expect(products.length).toBeGreaterThan(4);
  });

  it('leaves a large catalogue’s phrases at two sentences each (alone and after a carrier)', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const phrases = Array.from({ length: 500 }, (_, index) => `brand ${letters[index % 26]}${letters[Math.floor(index / 26) % 26]}x special`);
    const sentences = trainingSentences(phrases);
    expect(sentences.filter((words) => words.join(' ').endsWith('brand hax special'))).toHaveLength(2);
  });

  it('starts few sentences with a word only item numbers use (oh, zero, double), so digits do not crowd out a caller’s first word', () => {
    const starts = trainingSentences(['coffee beans']).filter((words) => ['oh', 'zero', 'double'].includes(words[0]));
    expect(starts.length).toBeLessThanOrEqual(3);
  });
});
