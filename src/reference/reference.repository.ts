import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';

export type MinimumWageRecord = Prisma.MinimumWageGetPayload<object>;
export type CoefficientRecord = Prisma.RegionalCoefficientGetPayload<object>;
export type BanRecord = Prisma.RegionalBanGetPayload<object>;
export type OccupationRecord = Prisma.OccupationGetPayload<object>;
export type LocalWageRecord = Prisma.LocalWageGetPayload<object>;
export type ParameterRecord = Prisma.LabourParameterGetPayload<object>;
export type ActivityCodeRecord = Prisma.ActivityCodeGetPayload<object>;
export type CountryRecord = Prisma.CountryGetPayload<object>;

/** The only Prisma access for reference data. */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly prisma: PrismaService) {}

  // minimum wages
  minimumWages(): Promise<MinimumWageRecord[]> {
    return this.prisma.minimumWage.findMany({ orderBy: { year: 'asc' } });
  }

  minimumWage(year: number, tx: Tx = this.prisma): Promise<MinimumWageRecord | null> {
    return tx.minimumWage.findUnique({ where: { year } });
  }

  upsertMinimumWage(tx: Tx, year: number, amountRub: number, note: string | null): Promise<MinimumWageRecord> {
    return tx.minimumWage.upsert({ where: { year }, create: { year, amountRub, note }, update: { amountRub, note } });
  }

  // coefficients
  coefficients(): Promise<CoefficientRecord[]> {
    return this.prisma.regionalCoefficient.findMany({ orderBy: { region: 'asc' } });
  }

  coefficient(region: string, tx: Tx = this.prisma): Promise<CoefficientRecord | null> {
    return tx.regionalCoefficient.findUnique({ where: { region } });
  }

  upsertCoefficient(tx: Tx, region: string, coefficient: number, note: string | null): Promise<CoefficientRecord> {
    const value = new Prisma.Decimal(coefficient.toFixed(3));
    return tx.regionalCoefficient.upsert({ where: { region }, create: { region, coefficient: value, note }, update: { coefficient: value, note } });
  }

  // bans
  /** Bans in force on some day of [from, to] (inclusive), or all when no period is given. */
  bans(period?: { from: Date; to: Date }): Promise<BanRecord[]> {
    const where: Prisma.RegionalBanWhereInput = period
      ? { effectiveFrom: { lte: period.to }, OR: [{ effectiveTo: null }, { effectiveTo: { gte: period.from } }] }
      : {};
    return this.prisma.regionalBan.findMany({ where, orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }] });
  }

  ban(id: string, tx: Tx = this.prisma): Promise<BanRecord | null> {
    return tx.regionalBan.findUnique({ where: { id } });
  }

  createBan(tx: Tx, data: Prisma.RegionalBanCreateInput): Promise<BanRecord> {
    return tx.regionalBan.create({ data });
  }

  /** Null when the version no longer matches (someone else saved first). */
  async updateBan(tx: Tx, id: string, version: number, data: Prisma.RegionalBanUpdateManyMutationInput): Promise<BanRecord | null> {
    const { count } = await tx.regionalBan.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    return count === 1 ? tx.regionalBan.findUnique({ where: { id } }) : null;
  }

  // occupations
  occupations(q?: string): Promise<OccupationRecord[]> {
    const where: Prisma.OccupationWhereInput = q
      ? { OR: [{ title: { contains: q, mode: 'insensitive' } }, { titleRu: { contains: q, mode: 'insensitive' } }, { code: { startsWith: q } }] }
      : {};
    return this.prisma.occupation.findMany({ where, orderBy: { code: 'asc' } });
  }

  occupation(code: string, tx: Tx = this.prisma): Promise<OccupationRecord | null> {
    return tx.occupation.findUnique({ where: { code } });
  }

  upsertOccupation(tx: Tx, code: string, title: string, titleRu: string): Promise<OccupationRecord> {
    return tx.occupation.upsert({ where: { code }, create: { code, title, titleRu }, update: { title, titleRu } });
  }

  // local wages
  localWages(filter: { year?: number; occupationCode?: string }): Promise<LocalWageRecord[]> {
    return this.prisma.localWage.findMany({ where: filter, orderBy: [{ year: 'asc' }, { occupationCode: 'asc' }] });
  }

  localWage(year: number, occupationCode: string, tx: Tx = this.prisma): Promise<LocalWageRecord | null> {
    return tx.localWage.findUnique({ where: { year_occupationCode: { year, occupationCode } } });
  }

  upsertLocalWage(tx: Tx, year: number, occupationCode: string, amountRub: number, note: string | null): Promise<LocalWageRecord> {
    return tx.localWage.upsert({
      where: { year_occupationCode: { year, occupationCode } },
      create: { year, occupationCode, amountRub, note },
      update: { amountRub, note },
    });
  }

  // labour parameters
  parameters(tx: Tx = this.prisma): Promise<ParameterRecord[]> {
    return tx.labourParameter.findMany({ orderBy: { key: 'asc' } });
  }

  parameter(key: string, tx: Tx = this.prisma): Promise<ParameterRecord | null> {
    return tx.labourParameter.findUnique({ where: { key } });
  }

  upsertParameter(tx: Tx, key: string, value: number, note: string | null): Promise<ParameterRecord> {
    const decimal = new Prisma.Decimal(value.toFixed(4));
    return tx.labourParameter.upsert({ where: { key }, create: { key, value: decimal, note }, update: { value: decimal, note } });
  }

  // activity codes (ОКВЭД)
  activityCodes(q?: string): Promise<ActivityCodeRecord[]> {
    const where: Prisma.ActivityCodeWhereInput = q ? { OR: [{ code: { startsWith: q } }, { title: { contains: q, mode: 'insensitive' } }] } : {};
    return this.prisma.activityCode.findMany({ where, orderBy: { code: 'asc' } });
  }

  activityCode(code: string, tx: Tx = this.prisma): Promise<ActivityCodeRecord | null> {
    return tx.activityCode.findUnique({ where: { code } });
  }

  upsertActivityCode(tx: Tx, code: string, title: string): Promise<ActivityCodeRecord> {
    return tx.activityCode.upsert({ where: { code }, create: { code, title }, update: { title } });
  }

  // countries (ISO 3166-1)
  countries(filter: { q?: string; regime?: CountryRecord['regime'] }): Promise<CountryRecord[]> {
    const q = filter.q;
    const where: Prisma.CountryWhereInput = {
      regime: filter.regime,
      ...(q
        ? {
            OR: [
              { code: q.toUpperCase() },
              { alpha3: q.toUpperCase() },
              { nameEn: { contains: q, mode: 'insensitive' } },
              { nameRu: { contains: q, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    return this.prisma.country.findMany({ where, orderBy: { code: 'asc' } });
  }

  /** The countries among `codes` that are on the list, with their regimes. */
  countriesByCode(codes: string[], tx: Tx = this.prisma): Promise<{ code: string; regime: CountryRecord['regime'] }[]> {
    return tx.country.findMany({ where: { code: { in: codes } }, select: { code: true, regime: true } });
  }

  // seeding: create when missing, never overwrite
  async createMinimumWageIfMissing(year: number, amountRub: number, note: string): Promise<void> {
    await this.prisma.minimumWage.createMany({ data: [{ year, amountRub, note }], skipDuplicates: true });
  }

  async createCoefficientIfMissing(region: string, coefficient: number, note: string): Promise<void> {
    await this.prisma.regionalCoefficient.createMany({
      data: [{ region, coefficient: new Prisma.Decimal(coefficient.toFixed(3)), note }],
      skipDuplicates: true,
    });
  }

  /** Seeded bans carry fixed ids, so a ban an admin edited (or renamed) is never recreated. */
  async createBansIfMissing(rows: Prisma.RegionalBanCreateManyInput[]): Promise<void> {
    await this.prisma.regionalBan.createMany({ data: rows, skipDuplicates: true });
  }

  async createOccupationsIfMissing(rows: { code: string; title: string; titleRu: string }[]): Promise<void> {
    await this.prisma.occupation.createMany({ data: rows, skipDuplicates: true });
  }

  async createLocalWagesIfMissing(rows: { year: number; occupationCode: string; amountRub: number; note: string }[]): Promise<void> {
    await this.prisma.localWage.createMany({ data: rows, skipDuplicates: true });
  }

  async createParametersIfMissing(rows: { key: string; value: number; note: string }[]): Promise<void> {
    await this.prisma.labourParameter.createMany({
      data: rows.map((r) => ({ ...r, value: new Prisma.Decimal(r.value.toFixed(4)) })),
      skipDuplicates: true,
    });
  }

  async createActivityCodesIfMissing(rows: { code: string; title: string }[]): Promise<void> {
    await this.prisma.activityCode.createMany({ data: rows, skipDuplicates: true });
  }

  async createCountriesIfMissing(rows: Prisma.CountryCreateManyInput[]): Promise<void> {
    await this.prisma.country.createMany({ data: rows, skipDuplicates: true });
  }
}
