import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { formProblem, utf8Bytes } from './formProblem';

const error = (status: number, errors?: { field: string; message: string }[], detail = '', retry?: number) =>
  new ApiError({ type: 'about:blank', title: 'Refused', status, detail, ...(errors ? { errors } : {}) }, retry);

describe('formProblem', () => {
  it('puts 400 field errors at the fields the form shows', () => {
    expect(
      formProblem(error(400, [{ field: 'title', message: 'too long' }, { field: 'tags[2]', message: 'bad tag' }]), ['title', 'tags']),
    ).toEqual({ fields: { title: 'too long', tags: 'bad tag' }, general: null });
  });

  it('folds field errors the form does not show into the general message', () => {
    const problem = formProblem(error(400, [{ field: 'title', message: 'x' }, { field: 'forumId', message: 'unknown' }]), ['title']);
    expect(problem.fields).toEqual({ title: 'x' });
    expect(problem.general).toBe('Refused: forumId: unknown');
  });

  it('words 409, 413, 429 and 404 for the person, promising the text is kept', () => {
    expect(formProblem(error(409, undefined, 'The thread is locked.'), []).general).toBe('This cannot be done now: The thread is locked.');
    expect(formProblem(error(413), []).general).toMatch(/too large.*your text is kept/);
    expect(formProblem(error(429, undefined, '', 12), []).general).toMatch(/Try again in 12 s; your text is kept/);
    expect(formProblem(error(404), []).general).toMatch(/not found or not available/);
  });

  it('handles anything else thrown', () => {
    expect(formProblem(new Error('boom'), []).general).toBe('boom');
    expect(formProblem('??', []).general).toBe('Something went wrong.');
  });

  it('counts UTF-8 bytes like the server', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('🔒')).toBe(4);
  });
});
