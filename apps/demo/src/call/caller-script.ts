/**
 * What the demo caller says and means. The products are in the demo catalogue
 * (apps/demo/data/demo-catalogue.jsonl; a unit spec checks they are): "hot water bottles" gives a
 * short list to read out (three hot water bottles), "blood pressure monitor" six candidates, more
 * than CONFIRM_LIST_MAX (5), so the desk asks for the item number, which the caller keys in.
 * The phrases were chosen by trying them: pocketsphinx hears these espeak-ng sentences through
 * the 8 kHz line reliably (it missed "peanut oil" and "soy sauce" every time; see the report).
 */
export const CALLER_SCRIPT = {
  first: {
    say: 'I would like two hot water bottles, please.',
    /** What an agent types into the desk search when recognition missed it. */
    search: 'hot water bottle',
    productId: 'demo-hot-water-bottle-2l',
    quantity: 2,
    /** What the caller answers when the agent reads the candidates out. */
    choice: 'the plain two litre one',
  },
  second: {
    say: 'And a blood pressure monitor, please.',
    search: 'blood pressure monitor',
    /** The words every candidate's name must have for the list to count as this mention's. */
    nameWords: /blood pressure monitor/i,
    productId: 'demo-yuwell-wrist-bp-monitor',
    itemNumber: '310102',
    quantity: 1,
  },
} as const;

/** The shop's number the demo caller dials (a Shanghai landline). */
export const SHOP_NUMBER = '+862160000000';
