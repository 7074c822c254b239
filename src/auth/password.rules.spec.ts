import { passwordProblems, personalWords } from './password.rules';

const irina = { email: 'irina.petrova@centre.example', fullName: 'Ирина Петрова' };
const staff = { email: 'staff-1a2b3c4d@test.example', fullName: 'Test STAFF' };

describe('personalWords', () => {
  it.each([
    [irina, ['irina.petrova', 'irina', 'petrova', 'ирина', 'петрова']],
    [staff, ['staff-1a2b3c4d', 'staff', 'test']],
    [{ email: 'li@x.example', fullName: 'Li Na' }, []], // nothing of 4 letters or more
    [{ email: 'admin@test.example', fullName: 'Administrator' }, ['admin', 'administrator']],
    [{ email: 'olga@test.example' }, ['olga']],
  ])('%j → %j', (owner, words) => expect(personalWords(owner)).toEqual(words));
});

describe('passwordProblems', () => {
  type Expect = 'ok' | 'short' | 'long' | 'weak' | 'personal';
  const kind = (problems: string[]): Expect[] =>
    problems.length === 0
      ? ['ok']
      : problems.map((p) =>
          p.startsWith('must be at least') ? 'short' : p.startsWith('must be at most') ? 'long' : p.startsWith('is too easy') ? 'weak' : 'personal',
        );

  it.each<[string, typeof irina, Expect[]]>([
    // refused by the estimator (zxcvbn score below 3) although 12 characters or longer
    ['password1234', irina, ['weak']],
    ['Qwerty123456', irina, ['weak']],
    ['P@ssw0rd1234', irina, ['weak']], // l33t
    ['aaaaaaaaaaaa', irina, ['weak']], // repeats
    ['123456789012', irina, ['weak']], // a sequence
    ['abcdefghijkl', irina, ['weak']],
    ['qwertyuiop[]', irina, ['weak']], // a keyboard row
    ['iloveyou2026', irina, ['weak']],
    ['Omsk2026Omsk2026', irina, ['weak']],
    // length
    ['short', irina, ['short']],
    ['Tr0ub4dor&3', irina, ['short']], // 11
    ['x'.repeat(257), irina, ['long']],
    // built from the owner's name or e-mail
    ['Petrova-Omsk-Sunrise-7', irina, ['personal']],
    ['Steppe-IRINA-Wind-2026', irina, ['personal']],
    ['Петрова-Омск-2026-лето', irina, ['personal']],
    ['irina.petrova-2026', irina, ['personal', 'weak']], // the estimator, given the e-mail, finds it too
    ['Staff-Mountain-Lake-88', staff, ['personal']],
    ['Pass-Bootstrap-Admin-2026', { email: 'admin@test.example', fullName: 'Administrator' }, ['personal']],
    // accepted: the demo and test passwords among them
    ['Demo-Omsk-Centre-2026', { email: 'staff@centre.example', fullName: 'Ирина Петрова (caseworker)' }, ['ok']],
    ['Demo-Omsk-Centre-2026', { email: 'liaison@centre.example', fullName: 'Алишер Каримов (liaison officer)' }, ['ok']],
    ['Demo-Omsk-Centre-2026', { email: 'employer@centre.example', fullName: 'Сергей Волков (СибСтройМонтаж)' }, ['ok']],
    ['Mountains-of-Altai-2026', staff, ['ok']],
    ['Irtysh-River-Bank-1', irina, ['ok']],
    ['Another-Strong-Pass-77', irina, ['ok']],
    ['correct horse battery staple', irina, ['ok']],
    ['x9#Lq2!vR7$m', irina, ['ok']],
    ['Сосновый-бор-у-реки-7', irina, ['ok']],
    ['y'.repeat(4) + 'Kq8#wZ2!pL5@nR3$' + 'z'.repeat(200), irina, ['ok']], // long: only the first 64 characters are estimated
  ])('%j for %j → %j', (password, owner, expected) => expect(kind(passwordProblems(password, owner))).toEqual(expected));

  it("says why a guessable password is refused, in the estimator's words", () => {
    const [problem] = passwordProblems('password1234', irina);
    expect(problem).toMatch(/^is too easy to guess: .*commonly used password/);
  });

  it('reports a personal password that is also guessable once per reason', () => {
    expect(kind(passwordProblems('irina.petrova', irina))).toEqual(['personal', 'weak']);
  });
});
