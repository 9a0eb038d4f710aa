import { describe, expect, it } from 'vitest';
import { containsKeyword } from '../../../../functions/escalation/core/contains-keyword.ts';

describe('containsKeyword', () => {
  it.each([
    ['a whole word', 'I will call my lawyer today', 'lawyer', true],
    ['whatever the case', 'I WILL CALL MY LAWYER', 'Lawyer', true],
    ['next to punctuation', 'Lawyer: tomorrow.', 'lawyer', true],
    ['a phrase', 'I want to cancel my contract now', 'cancel my contract', true],
    ['full-width Latin letters', 'ＬＡＷＹＥＲ に相談します', 'lawyer', true],
    ['a Japanese word inside a sentence (no spaces in Japanese)', '契約を解約したいです', '解約', true],
    ['Japanese in katakana', 'クレームを入れます', 'クレーム', true],
    ['German with an umlaut, whatever the case', 'Ich will eine ERSTATTUNG für Müll', 'müll', true],
    ['a keyword with regex characters', 'Is this C++ support?', 'C++', true],
    ['not part of a longer word', 'The lawyers said so', 'lawyer', false],
    ['not the end of a longer word', 'a legal-aid outlawyer', 'lawyer', false],
    ['not a Latin word glued to a letter with an accent', 'cancelé', 'cancel', false],
    ['not a Japanese word that is absent', '契約を更新したい', '解約', false],
    ['not a blank keyword', 'anything', '  ', false],
  ])('finds %s: %s', (_name, text, keyword, expected) => {
    expect(containsKeyword(text, keyword)).toBe(expected);
  });
});
