import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { diffFields } from '../audit/audit.rules';
import { CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import {
  ActivityCodeDto,
  PutActivityCodeDto,
  BanDto,
  CreateBanDto,
  LocalWageDto,
  LocalWageQueryDto,
  ParameterDto,
  PutLocalWageDto,
  PutParameterDto,
  OccupationDto,
  PutOccupationDto,
  PutRegionalCoefficientDto,
  PutWageFloorDto,
  RegionalCoefficientDto,
  UpdateBanDto,
  WageFloorDto,
} from './dto/reference.dto';
import { ReferenceErrors } from './reference.errors';
import { BanRecord, CoefficientRecord, LocalWageRecord, ParameterRecord, ReferenceRepository } from './reference.repository';
import { banDatesValid, dayOf, floorRub, isoDay, LABOUR_PARAMETERS, LabourParameterKey } from './reference.rules';

/** The region whose coefficient applies to the Centre's wage floor. */
export const HOME_REGION = 'OMSK';

/** The reference figures of one year that the wage rules (floor, offers, placements) take. */
export interface WageFigures {
  year: number;
  mrotRub: number;
  regionalCoefficient: number;
  fullTimeHours: number;
  maxDeductionShare: number;
  incomeTaxRate: number;
}

/** A ban as other modules consume it (the shape of labour-requests' RegionalBan rule input). */
export interface BanPeriod {
  id: string;
  title: string;
  activityCodes: string[];
  effectiveFrom: string;
  /** Last day in force, inclusive; null = open-ended. */
  effectiveTo: string | null;
}

const coefficientOf = (c: CoefficientRecord): number => Number(c.coefficient.toString());

function banDto(b: BanRecord): BanDto {
  return {
    id: b.id,
    title: b.title,
    activityCodes: b.activityCodes,
    effectiveFrom: isoDay(b.effectiveFrom),
    effectiveTo: b.effectiveTo ? isoDay(b.effectiveTo) : null,
    note: b.note,
    version: b.version,
    updatedAt: b.updatedAt.toISOString(),
  };
}

const localWageDto = (w: LocalWageRecord): LocalWageDto => ({ year: w.year, occupationCode: w.occupationCode, amountRub: w.amountRub, note: w.note });
const parameterDto = (p: ParameterRecord): ParameterDto => ({
  key: p.key,
  value: Number(p.value.toString()),
  description: LABOUR_PARAMETERS[p.key as LabourParameterKey]?.description ?? '',
  note: p.note,
});

const asDay = (d: string | Date): string => (typeof d === 'string' ? d : isoDay(d));

/** Reference data an administrator maintains: МРОТ, regional coefficients, bans, occupations. */
@Injectable()
export class ReferenceService {
  constructor(
    private readonly repo: ReferenceRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  // ── wage floors ──────────────────────────────────────────────────────────────────────────
  async wageFloors(): Promise<WageFloorDto[]> {
    const [wages, home] = await Promise.all([this.repo.minimumWages(), this.repo.coefficient(HOME_REGION)]);
    const k = home ? coefficientOf(home) : null;
    return wages.map((w) => ({
      year: w.year,
      mrotRub: w.amountRub,
      regionalCoefficient: k,
      floorRub: k === null ? null : floorRub(w.amountRub, k),
      note: w.note,
    }));
  }

  /** The figures for the wage floor of `year`; 422 REFERENCE_MISSING when one is not entered. */
  async wageFloorFor(year: number): Promise<{ mrotRub: number; coefficient: number }> {
    const [wage, home] = await Promise.all([this.repo.minimumWage(year), this.repo.coefficient(HOME_REGION)]);
    if (!wage) throw ReferenceErrors.missing(`the minimum wage (МРОТ) for ${year}`);
    if (!home) throw ReferenceErrors.missing(`the regional coefficient for ${HOME_REGION}`);
    return { mrotRub: wage.amountRub, coefficient: coefficientOf(home) };
  }

  /**
   * Everything the wage rules of `year` need, from reference data: МРОТ and the Omsk coefficient
   * (the floor), the full-time week, the largest deduction share and the income tax rate.
   * 422 REFERENCE_MISSING when one is not entered.
   */
  async wageFigures(year: number, tx?: Tx): Promise<WageFigures> {
    const [{ mrotRub, coefficient }, params] = await Promise.all([this.wageFloorFor(year), this.labourParameters(tx)]);
    return {
      year,
      mrotRub,
      regionalCoefficient: coefficient,
      fullTimeHours: params.FULL_TIME_HOURS_PER_WEEK,
      maxDeductionShare: params.MAX_DEDUCTION_SHARE,
      incomeTaxRate: params.INCOME_TAX_RATE,
    };
  }

  putWageFloor(actor: Actor, year: number, dto: PutWageFloorDto): Promise<WageFloorDto> {
    return this.transactions.run(async (tx) => {
      const before = await this.repo.minimumWage(year, tx);
      const saved = await this.repo.upsertMinimumWage(tx, year, dto.mrotRub, dto.note ?? null);
      const after = { amountRub: saved.amountRub, note: saved.note };
      const changes = before ? diffFields({ amountRub: before.amountRub, note: before.note }, after) : { year, ...after };
      await this.audit.change(tx, actor, before ? 'minimum_wage.update' : 'minimum_wage.create', 'minimum_wage', String(year), changes);
      const home = await this.repo.coefficient(HOME_REGION, tx);
      const k = home ? coefficientOf(home) : null;
      return { year, mrotRub: saved.amountRub, regionalCoefficient: k, floorRub: k === null ? null : floorRub(saved.amountRub, k), note: saved.note };
    });
  }

  // ── regional coefficients ────────────────────────────────────────────────────────────────
  async coefficients(): Promise<RegionalCoefficientDto[]> {
    return (await this.repo.coefficients()).map((c) => ({ region: c.region, coefficient: coefficientOf(c), note: c.note }));
  }

  putCoefficient(actor: Actor, region: string, dto: PutRegionalCoefficientDto): Promise<RegionalCoefficientDto> {
    return this.transactions.run(async (tx) => {
      const before = await this.repo.coefficient(region, tx);
      const saved = await this.repo.upsertCoefficient(tx, region, dto.coefficient, dto.note ?? null);
      const after = { coefficient: coefficientOf(saved), note: saved.note };
      const changes = before ? diffFields({ coefficient: coefficientOf(before), note: before.note }, after) : { region, ...after };
      await this.audit.change(tx, actor, before ? 'regional_coefficient.update' : 'regional_coefficient.create', 'regional_coefficient', region, changes);
      return { region, ...after };
    });
  }

  // ── bans ─────────────────────────────────────────────────────────────────────────────────
  async bans(on?: string): Promise<BanDto[]> {
    const rows = await this.repo.bans(on ? { from: dayOf(on), to: dayOf(on) } : undefined);
    return rows.map(banDto);
  }

  /** Bans in force on at least one day of [from, to] (both inclusive). */
  async bansOverlapping(from: string | Date, to: string | Date): Promise<BanPeriod[]> {
    const rows = await this.repo.bans({ from: dayOf(asDay(from)), to: dayOf(asDay(to)) });
    return rows.map((b) => {
      const { id, title, activityCodes, effectiveFrom, effectiveTo } = banDto(b);
      return { id, title, activityCodes, effectiveFrom, effectiveTo };
    });
  }

  async createBan(actor: Actor, dto: CreateBanDto): Promise<BanDto> {
    if (!banDatesValid(dto.effectiveFrom, dto.effectiveTo ?? null)) throw ReferenceErrors.banDatesInvalid();
    return this.transactions.run(async (tx) => {
      const ban = await this.repo.createBan(tx, {
        title: dto.title,
        activityCodes: dto.activityCodes,
        effectiveFrom: dayOf(dto.effectiveFrom),
        effectiveTo: dto.effectiveTo ? dayOf(dto.effectiveTo) : null,
        note: dto.note ?? null,
      });
      await this.audit.change(tx, actor, 'regional_ban.create', 'regional_ban', ban.id, { ...dto });
      return banDto(ban);
    });
  }

  updateBan(actor: Actor, id: string, dto: UpdateBanDto, ifMatch?: string): Promise<BanDto> {
    return this.transactions.run(async (tx) => {
      const current = await this.repo.ban(id, tx);
      if (!current) throw ReferenceErrors.banNotFound();
      const version = requiredVersion(ifMatch, current.version);
      if (version !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      const before = banDto(current);
      const from = dto.effectiveFrom ?? before.effectiveFrom;
      const to = dto.effectiveTo === undefined ? before.effectiveTo : dto.effectiveTo;
      if (!banDatesValid(from, to)) throw ReferenceErrors.banDatesInvalid();
      const updated = await this.repo.updateBan(tx, id, version, {
        title: dto.title,
        activityCodes: dto.activityCodes,
        effectiveFrom: dayOf(from),
        effectiveTo: to === null ? null : dayOf(to),
        note: dto.note,
      });
      if (!updated) throw CommonErrors.preconditionFailed(`"${current.version + 1}"`);
      const after = banDto(updated);
      const { version: _v1, updatedAt: _u1, ...b } = before;
      const { version: _v2, updatedAt: _u2, ...a } = after;
      await this.audit.change(tx, actor, 'regional_ban.update', 'regional_ban', id, diffFields(b, a));
      return after;
    });
  }

  // ── occupations ──────────────────────────────────────────────────────────────────────────
  async occupations(q?: string): Promise<OccupationDto[]> {
    return (await this.repo.occupations(q?.trim() || undefined)).map(({ code, title, titleRu }) => ({ code, title, titleRu }));
  }

  putOccupation(actor: Actor, code: string, dto: PutOccupationDto): Promise<OccupationDto> {
    return this.transactions.run(async (tx) => {
      const before = await this.repo.occupation(code, tx);
      const saved = await this.repo.upsertOccupation(tx, code, dto.title, dto.titleRu);
      const after = { code, title: saved.title, titleRu: saved.titleRu };
      const changes = before ? diffFields({ code, title: before.title, titleRu: before.titleRu }, after) : after;
      await this.audit.change(tx, actor, before ? 'occupation.update' : 'occupation.create', 'occupation', code, changes);
      return after;
    });
  }

  // ── local wages ──────────────────────────────────────────────────────────────────────────
  async localWages(query: LocalWageQueryDto): Promise<LocalWageDto[]> {
    return (await this.repo.localWages({ year: query.year, occupationCode: query.occupationCode })).map(localWageDto);
  }

  /** The reference local wage of an occupation in a year, or null when none is entered. */
  async localWageFor(year: number, occupationCode: string): Promise<number | null> {
    return (await this.repo.localWage(year, occupationCode))?.amountRub ?? null;
  }

  putLocalWage(actor: Actor, year: number, occupationCode: string, dto: PutLocalWageDto): Promise<LocalWageDto> {
    return this.transactions.run(async (tx) => {
      if (!(await this.repo.occupation(occupationCode, tx))) throw ReferenceErrors.occupationUnknown(occupationCode);
      const before = await this.repo.localWage(year, occupationCode, tx);
      const saved = localWageDto(await this.repo.upsertLocalWage(tx, year, occupationCode, dto.amountRub, dto.note ?? null));
      const id = `${year}/${occupationCode}`;
      const changes = before
        ? diffFields(localWageDto(before) as unknown as Record<string, unknown>, saved as unknown as Record<string, unknown>)
        : { ...saved };
      await this.audit.change(tx, actor, before ? 'local_wage.update' : 'local_wage.create', 'local_wage', id, changes);
      return saved;
    });
  }

  // ── labour parameters ────────────────────────────────────────────────────────────────────
  async parameters(): Promise<ParameterDto[]> {
    return (await this.repo.parameters()).map(parameterDto);
  }

  /** The current labour-law figures; 422 REFERENCE_MISSING when one is not entered. */
  async labourParameters(tx?: Tx): Promise<Record<LabourParameterKey, number>> {
    const rows = await this.repo.parameters(tx);
    const values = Object.fromEntries(rows.map((r) => [r.key, Number(r.value.toString())]));
    for (const key of Object.keys(LABOUR_PARAMETERS)) {
      if (values[key] === undefined) throw ReferenceErrors.missing(`the labour parameter ${key}`);
    }
    return values as Record<LabourParameterKey, number>;
  }

  putParameter(actor: Actor, key: LabourParameterKey, dto: PutParameterDto): Promise<ParameterDto> {
    const { min, max } = LABOUR_PARAMETERS[key];
    if (dto.value < min || dto.value > max) throw ReferenceErrors.badParam('value', `${key} must be between ${min} and ${max}`);
    return this.transactions.run(async (tx) => {
      const before = await this.repo.parameter(key, tx);
      const saved = parameterDto(await this.repo.upsertParameter(tx, key, dto.value, dto.note ?? null));
      const after = { value: saved.value, note: saved.note };
      const changes = before ? diffFields({ value: Number(before.value.toString()), note: before.note }, after) : { key, ...after };
      await this.audit.change(tx, actor, before ? 'labour_parameter.update' : 'labour_parameter.create', 'labour_parameter', key, changes);
      return saved;
    });
  }

  // ── activity codes (ОКВЭД) ───────────────────────────────────────────────────────────────
  async activityCodes(q?: string): Promise<ActivityCodeDto[]> {
    return (await this.repo.activityCodes(q?.trim() || undefined)).map(({ code, title }) => ({ code, title }));
  }

  /** Whether `code` is on the list of activity codes (an employer's main activity must be). */
  async activityCodeKnown(code: string, tx?: Tx): Promise<boolean> {
    return (await this.repo.activityCode(code, tx)) !== null;
  }

  putActivityCode(actor: Actor, code: string, dto: PutActivityCodeDto): Promise<ActivityCodeDto> {
    return this.transactions.run(async (tx) => {
      const before = await this.repo.activityCode(code, tx);
      const saved = await this.repo.upsertActivityCode(tx, code, dto.title);
      const changes = before ? diffFields({ title: before.title }, { title: saved.title }) : { code, title: saved.title };
      await this.audit.change(tx, actor, before ? 'activity_code.update' : 'activity_code.create', 'activity_code', code, changes);
      return { code, title: saved.title };
    });
  }
}
