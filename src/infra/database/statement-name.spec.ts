import { createHash } from 'node:crypto';
import { statementName } from './statement-name';

describe('statementName', () => {
  const sha = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 20);

  it.each([
    ['p_', 'SELECT 1'],
    ['workers_', 'SELECT $1::int'],
    ['p_', ''],
  ])('%s + the digest of %j', (prefix, text) => {
    expect(statementName(prefix, text)).toBe(`${prefix}${sha(text)}`);
    expect(statementName(prefix, text)).toBe(statementName(prefix, `${text}`)); // memoised: same answer
  });

  it('gives different texts different names, and the same text the same name under each prefix', () => {
    expect(statementName('p_', 'SELECT 1')).not.toBe(statementName('p_', 'SELECT 2'));
    expect(statementName('a_', 'SELECT 1').slice(2)).toBe(statementName('b_', 'SELECT 1').slice(2));
  });

  it('keeps answering right past its memo size', () => {
    for (let i = 0; i < 5_100; i++) expect(statementName('p_', `SELECT ${i}`)).toBe(`p_${sha(`SELECT ${i}`)}`);
  });
});
