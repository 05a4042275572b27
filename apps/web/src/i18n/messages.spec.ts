/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONTRACTS, COMMON_ERROR_CODES } from '@callcart/contracts';
import { EN_MESSAGES } from './messages.en';
import { ZH_CN_MESSAGES } from './messages.zh-cn';

/** Every leaf key of a catalogue, dotted (`desk.cart`), with its text. */
function leaves(table: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [inner, text] of leaves(value as object, path)) found.set(inner, text);
  }
  return found;
}

/** `{{name}}` placeholders of a message, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

/** The `.ts` files under a folder, specs left out (they reply with made-up codes). */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !/\.(int-)?spec(-helper)?\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * Every code a person's screen can receive: each NATS request's declared codes (the gateway
 * passes them on), the common ones, and those the gateway itself refuses with (`ApiError`).
 */
function codesTheUiCanReceive(): Set<string> {
  const codes = new Set<string>([...COMMON_ERROR_CODES, 'NETWORK']);
  for (const contract of ALL_CONTRACTS) if (contract.kind === 'request') contract.errorCodes.forEach((code) => codes.add(code));
  const gatewaySource = join(__dirname, '../../../gateway/src');
  for (const file of sourceFiles(gatewaySource)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/ApiError\(\s*\d{3}\s*,\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(match[1]);
  }
  return codes;
}

describe('the message catalogues', () => {
  const english = leaves(EN_MESSAGES);
  const chinese = leaves(ZH_CN_MESSAGES);

  it('have the same keys in English and Chinese', () => {
    expect([...english.keys()].filter((key) => !chinese.has(key))).toEqual([]);
    expect([...chinese.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect({ key, empty: text.trim() === '' || chinese.get(key)?.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(chinese.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('translate every error code the services and the gateway can answer with, in both languages', () => {
    const codes = [...codesTheUiCanReceive()];
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => !english.has(`errors.${code}`))).toEqual([]);
    expect(codes.filter((code) => !chinese.has(`errors.${code}`))).toEqual([]);
  });

  it('write the Chinese catalogue in Chinese (not English left over)', () => {
    const untranslated = [...chinese].filter(([key, text]) => text === english.get(key) && /[a-z]{4,}/i.test(text) && !/callcart|npx|Ctrl|\.csv|\{\{/.test(text));
    expect(untranslated).toEqual([]);
  });
});
