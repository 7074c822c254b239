import { Injectable } from '@nestjs/common';
import type { FieldError } from '../common/errors/app-error';
import type { Tx } from '../infra/database/prisma.service';
import { citizenshipProblems } from './countries.rules';
import { CountryDto, CountryQueryDto } from './dto/country.dto';
import { ReferenceRepository } from './reference.repository';

/** The countries list (ISO 3166-1) and the check of the citizenships other records name. */
@Injectable()
export class CountriesService {
  constructor(private readonly repo: ReferenceRepository) {}

  async list(query: CountryQueryDto): Promise<CountryDto[]> {
    const rows = await this.repo.countries({ q: query.q, regime: query.regime });
    return rows.map((c) => ({ code: c.code, alpha3: c.alpha3, nameEn: c.nameEn, nameRu: c.nameRu, regime: c.regime }));
  }

  /** What is wrong with the citizenships named under `field` (none when all are on the list and none is Russia). */
  async citizenshipProblems(field: string, codes: readonly string[], tx?: Tx): Promise<FieldError[]> {
    if (!codes.length) return [];
    const known = await this.repo.countriesByCode([...codes], tx);
    return citizenshipProblems(field, codes, new Map(known.map((c) => [c.code, c.regime])));
  }
}
