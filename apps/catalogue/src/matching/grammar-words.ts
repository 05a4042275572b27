/**
 * English's closed word classes: pronouns, determiners, prepositions, conjunctions, auxiliary and
 * modal verbs, and their contractions as tokenize() writes them ("i'm" → im). They are the
 * grammar every sentence is built from, whatever the caller asks for and however they phrase it,
 * so unlike a list of callers' phrases this set is complete: a new way of asking brings new
 * content words, not new grammar words. A product name holds some of them ("case for iphone"),
 * so they are not dropped, only weighed lightly (MATCH_WEIGHTS.grammarWord): a catalogue's idf
 * alone cannot tell that "your" or "you can" in one long listing says nothing about the product a
 * caller means. Decision 0015.
 */
const PRONOUNS =
  'i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself we us our ours ourselves ' +
  'they them their theirs themselves who whom whose which what whatever whichever someone somebody something anyone anybody anything ' +
  'everyone everybody everything nobody nothing';
const DETERMINERS = 'a an the this that these those some any each every either neither no all both another other such much many few several enough';
const PREPOSITIONS =
  'about above across after against along among around as at before behind below beneath beside besides between beyond by despite ' +
  'during except for from in inside into like near of off on onto out outside over past since through throughout till to toward ' +
  'towards under underneath until up upon via with within without';
const CONJUNCTIONS = 'and or but nor so yet if because although though while whether unless than then';
const AUXILIARIES = 'am is are was were be been being do does did doing have has had having can could will would shall should may might must ought';
const PARTICLES = 'not yes here there where when why how too very also just';
/** Contractions with the apostrophe removed; those that spell another word (ill, id, well, shell) are left out. */
const CONTRACTIONS =
  'im ive youre youve youd youll hes shes weve theyre theyve theyd thats whats whos wheres theres heres hows lets ' +
  'dont doesnt didnt cant cannot couldnt wont wouldnt shouldnt mustnt isnt arent wasnt werent havent hasnt hadnt';

const ENGLISH_GRAMMAR_WORDS: ReadonlySet<string> = new Set(
  [PRONOUNS, DETERMINERS, PREPOSITIONS, CONJUNCTIONS, AUXILIARIES, PARTICLES, CONTRACTIONS].join(' ').split(' '),
);

/** True for a lower-case token of one of English's closed word classes. */
export function isGrammarWord(token: string): boolean {
  return ENGLISH_GRAMMAR_WORDS.has(token);
}
