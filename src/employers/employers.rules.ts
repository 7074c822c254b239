/** Russian taxpayer and registration numbers, checked by their check digits. Pure. */

const digits = (s: string) => [...s].map(Number);
const weighted = (d: number[], w: number[]) => w.reduce((sum, k, i) => sum + k * d[i], 0);

/** INN: 10 digits for an organisation, 12 for an individual entrepreneur. */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = digits(inn);
  if (inn.length === 10) return (weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10 === d[9];
  const n11 = (weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  const n12 = (weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  return n11 === d[10] && n12 === d[11];
}

/** OGRN (13 digits, organisations) or OGRNIP (15 digits, individual entrepreneurs). */
export function isValidOgrn(ogrn: string): boolean {
  if (/^\d{13}$/.test(ogrn)) return Number((BigInt(ogrn.slice(0, 12)) % 11n) % 10n) === Number(ogrn[12]);
  if (/^\d{15}$/.test(ogrn)) return Number((BigInt(ogrn.slice(0, 14)) % 13n) % 10n) === Number(ogrn[14]);
  return false;
}

/** An organisation (10-digit INN) has a 13-digit OGRN; an entrepreneur (12-digit INN) a 15-digit OGRNIP. */
export function registrationProblems(inn: string, ogrn?: string | null): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!isValidInn(inn)) problems.push({ field: 'inn', message: 'is not a valid INN (10 or 12 digits with correct check digits)' });
  if (ogrn) {
    if (!isValidOgrn(ogrn)) problems.push({ field: 'ogrn', message: 'is not a valid OGRN/OGRNIP (13 or 15 digits with a correct check digit)' });
    else if (isValidInn(inn) && (inn.length === 10) !== (ogrn.length === 13)) {
      problems.push({ field: 'ogrn', message: 'an organisation has a 13-digit OGRN, an entrepreneur a 15-digit OGRNIP' });
    }
  }
  return problems;
}
