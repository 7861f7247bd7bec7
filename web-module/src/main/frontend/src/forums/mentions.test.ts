import { describe, expect, it } from 'vitest';
import { findMention, insertMention, isInCode } from './mentions';

/** `|` marks the caret. */
function at(textWithCaret: string) {
  const caret = textWithCaret.indexOf('|');
  return findMention(textWithCaret.replace('|', ''), caret);
}

describe('findMention', () => {
  it.each([
    ['@a|', { start: 0, end: 2, query: 'a' }],
    ['Hi @ali|', { start: 3, end: 7, query: 'ali' }],
    ['(@ali|', { start: 1, end: 5, query: 'ali' }],
    ['cc:@b.o_t-x|', { start: 3, end: 11, query: 'b.o_t-x' }],
    ['line\n@bo|', { start: 5, end: 8, query: 'bo' }],
    ['@al|ice and more', { start: 0, end: 6, query: 'al' }],
  ])('finds the name typed in %j', (text, token) => {
    expect(at(text)).toEqual(token);
  });

  it.each([
    ['nothing|'],
    ['@|'],
    ['@ |'],
    ['@.x|'],
    ['@-x|'],
    ['bob@ali|'],
    ['josé@ali|'],
    ['x_@ali|'],
    ['@alice |'],
    ['`@ali|'],
    ['``code`@ali|'],
    ['```\n@ali|'],
    ['~~~ yaml\nkey: x\n@ali|'],
    ['```@ali|'],
    [`@${'a'.repeat(65)}|`],
  ])('finds none in %j', (text) => {
    expect(at(text)).toBeNull();
  });

  it('counts again after an inline code span or a fenced block is closed', () => {
    expect(at('`x` @al|')).toEqual({ start: 4, end: 7, query: 'al' });
    expect(at('```\ncode\n```\n@al|')).toEqual({ start: 13, end: 16, query: 'al' });
    // a shorter fence does not close a longer one
    expect(at('````\n```\n@al|')).toBeNull();
  });

  it('ignores a caret outside the text', () => {
    expect(findMention('@al', 9)).toBeNull();
    expect(findMention('@al', 0)).toBeNull();
  });
});

describe('isInCode', () => {
  it('tells fenced blocks and inline spans', () => {
    expect(isInCode('a `b` c', 6)).toBe(false);
    expect(isInCode('a `b c', 5)).toBe(true);
    expect(isInCode('```\nx', 4)).toBe(true);
  });
});

describe('insertMention', () => {
  it('replaces the whole name with @username and a space, caret after it', () => {
    const token = findMention('Hi @al and', 6)!;
    expect(insertMention('Hi @al and', token, 'alice')).toEqual({ text: 'Hi @alice and', caret: 10 });
    const inner = findMention('@alxx, ok', 3)!;
    expect(insertMention('@alxx, ok', inner, 'alice')).toEqual({ text: '@alice , ok', caret: 7 });
    const last = findMention('cc @b', 5)!;
    expect(insertMention('cc @b', last, 'bashir')).toEqual({ text: 'cc @bashir ', caret: 11 });
  });
});
