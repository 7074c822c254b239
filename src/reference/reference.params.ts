import { Param, PipeTransform } from '@nestjs/common';
import { ReferenceErrors } from './reference.errors';
import { isLabourParameterKey, LABOUR_PARAMETER_KEYS, MAX_YEAR, MIN_YEAR, OKVED_CODE, OKZ_CODE, REGION_KEY } from './reference.rules';

class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
    private readonly message: string,
  ) {}

  transform(value: string): string {
    if (!this.pattern.test(value)) throw ReferenceErrors.badParam(this.field, this.message);
    return value;
  }
}

class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw ReferenceErrors.badParam('year', `year must be a whole year from ${MIN_YEAR} to ${MAX_YEAR}`);
    return year;
  }
}

/** `:year`, 2000–2100, else 400. */
export const YearParam = (): ParameterDecorator => Param('year', new YearPipe());
/** `:region`, an upper-case key such as OMSK, else 400. */
export const RegionParam = (): ParameterDecorator => Param('region', new PatternPipe('region', REGION_KEY, 'region must be an upper-case key such as OMSK'));
/** `:code`, a four-digit ОКЗ code, else 400. */
export const OccupationCodeParam = (): ParameterDecorator =>
  Param('code', new PatternPipe('code', OKZ_CODE, 'code must be a four-digit ОКЗ code such as 7112'));
/** `:key`, one of LABOUR_PARAMETER_KEYS, else 400. */
export const ParameterKeyParam = (): ParameterDecorator =>
  Param('key', {
    transform(value: string) {
      if (!isLabourParameterKey(value)) throw ReferenceErrors.badParam('key', `key must be one of ${LABOUR_PARAMETER_KEYS.join(', ')}`);
      return value;
    },
  });
/** `:code`, a full ОКВЭД 2 code such as 41.20, else 400. */
export const ActivityCodeParam = (): ParameterDecorator =>
  Param('code', new PatternPipe('code', OKVED_CODE, 'code must be an ОКВЭД 2 code such as 41.20 or 47.11.1'));
