/**
 * Catalogue text as a caller would say it, in the lower-case words a pronouncing dictionary
 * holds: "Epson 1500 hours 200w lamp ELPLP12" → "epson fifteen hundred hours two hundred w lamp
 * elplp twelve". Numbers become words (up to 9,999 as a number, longer ones digit by digit, the
 * way model numbers are read out), letters glued to digits are split off, and punctuation goes.
 */
const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function underHundred(n: number): string {
  if (n < 20) return ONES[n];
  return TENS[Math.floor(n / 10)] + (n % 10 ? ` ${ONES[n % 10]}` : '');
}

/** Speaks a whole number the way people read quantities and short model numbers. */
export function numberToWords(digits: string): string {
  const n = Number(digits);
  if (digits.length > 4 || (digits.length > 1 && digits.startsWith('0'))) {
    return [...digits].map((digit) => ONES[Number(digit)]).join(' ');
  }
  if (n < 100) return underHundred(n);
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${underHundred(n % 100)}` : ''}`;
  if (n % 1000 === 0) return `${ONES[n / 1000]} thousand`;
  if (n < 2000 || n % 100 === 0) {
    // 1500 → fifteen hundred; 2100 → twenty one hundred
    if (n % 100 === 0) return `${underHundred(n / 100)} hundred`;
    return `${ONES[Math.floor(n / 1000)]} thousand ${numberToWords(String(n % 1000))}`;
  }
  return `${underHundred(Math.floor(n / 100))} ${n % 100 < 10 ? `oh ${ONES[n % 100]}` : underHundred(n % 100)}`;
}

/** Normalises catalogue or transcript text into dictionary words. */
export function spokenWords(text: string): string[] {
  const spaced = text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/%/g, ' percent ')
    .replace(/(\d)\.(\d)/g, '$1 point $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/\d+/g, (digits) => ` ${numberToWords(digits)} `)
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ');
  return spaced.split(/\s+/).filter((word) => word.length > 0);
}

/** Removes what the decoder adds to words: `(2)` pronunciation variants, `<sil>`, `[NOISE]`, `(NULL)`. */
export function cleanHypothesis(raw: string): string {
  return raw
    .split(/\s+/)
    .filter((word) => word && !/^(<.*>|\[.*\]|\(NULL\)|\+\+.*\+\+)$/.test(word))
    .map((word) => word.replace(/\(\d+\)$/, ''))
    .join(' ');
}
