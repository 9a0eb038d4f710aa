import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../../functions/surveys/core/pick-locale.ts';

const available = ['en', 'ja'];

describe('pickLocale', () => {
  it.each([
    ['the invitation locale first', 'ja', 'en', 'ja'],
    ['the invitation locale with a region', 'ja-JP', 'en-US', 'ja'],
    ['the invitation locale in any case', 'JA', undefined, 'ja'],
    ['Accept-Language when the invitation has no locale', undefined, 'ja,en;q=0.8', 'ja'],
    ['Accept-Language when the invitation locale has no catalogue', 'fr', 'ja', 'ja'],
    ['the highest q-value, not the first listed', undefined, 'en;q=0.5, ja;q=0.9', 'ja'],
    ['q=1 by default', undefined, 'en;q=0.9, ja', 'ja'],
    ['header order between equal q-values', undefined, 'ja;q=0.7, en;q=0.7', 'ja'],
    ['a region of an available language', undefined, 'fr-CH, ja-JP;q=0.9, en;q=0.8', 'ja'],
    ['past languages without a catalogue', undefined, 'de, fr;q=0.9, ja;q=0.1', 'ja'],
    ['spaces around separators', undefined, ' fr ,  ja ; q=0.5 ', 'ja'],
    ['English when nothing matches', 'fr', 'de, es;q=0.5', 'en'],
    ['English without any hint', undefined, undefined, 'en'],
    ['English for an empty header', undefined, '', 'en'],
    ['English for a wildcard', undefined, '*', 'en'],
    ['never a language refused with q=0', undefined, 'ja;q=0, en;q=0.1', 'en'],
    ['English over the only matching language when it is refused with q=0', undefined, 'fr, ja;q=0', 'en'],
    ['past malformed entries', undefined, 'ja;q=2, ;;, en-;q=1, ja;q=abc, ja;q=0.3', 'ja'],
    ['the invitation locale over a wildcard', 'ja', '*', 'ja'],
  ])('picks %s', (_name, invitationLocale, acceptLanguage, expected) => {
    expect(pickLocale(invitationLocale, acceptLanguage, available)).toBe(expected);
  });

  it('returns the catalogue spelling of a locale matched in another case', () => {
    expect(pickLocale('PT-br', undefined, ['en', 'pt-BR'])).toBe('pt-BR');
  });

  it('matches by dropping subtags from the end (RFC 4647 lookup), never by adding them', () => {
    expect(pickLocale('zh-Hant-TW', undefined, ['en', 'zh-Hant'])).toBe('zh-Hant');
    expect(pickLocale('zh', undefined, ['en', 'zh-Hant'])).toBe('en');
  });

  it('falls back to the first available locale when English has no catalogue', () => {
    expect(pickLocale('fr', 'de', ['ja'])).toBe('ja');
  });

  it('reads no further than 32 entries of a huge header', () => {
    const header = [...Array.from({ length: 32 }, (_, index) => `x${index}`), 'ja'].join(',');
    expect(pickLocale(undefined, header, available)).toBe('en');
  });
});
