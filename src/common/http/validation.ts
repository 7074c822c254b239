import { ValidationPipe } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage, ValidationError, type ValidatorOptions } from 'class-validator';
import { CommonErrors, FieldError } from '../errors/app-error';
import { FieldRule, firstFailure, messageFor, NOT_NULL, REQUIRED, UNKNOWN_FIELD } from './validation-messages';

type Dto = object & { constructor: abstract new (...args: never[]) => unknown };

const rulesByClass = new WeakMap<object, Map<string, FieldRule[]>>();

/** The rules class-validator holds for each field of a DTO class (inherited ones included). */
function rulesOf(target: Dto | undefined, property: string): FieldRule[] {
  if (!target) return [];
  const cls = target.constructor;
  let byField = rulesByClass.get(cls);
  if (!byField) {
    byField = new Map();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(cls as new () => unknown, '', true, false)) {
      // @IsOptional and @ValidateIf are both conditional validations: the field may be left out
      const rule: FieldRule = {
        name: m.type === 'conditionalValidation' ? m.type : (m.name ?? m.type),
        constraints: m.constraints ?? [],
        each: m.each ?? false,
      };
      if (typeof m.message === 'string') rule.message = m.message;
      byField.set(m.propertyName, [...(byField.get(m.propertyName) ?? []), rule]);
    }
    rulesByClass.set(cls, byField);
  }
  return byField.get(property) ?? [];
}

/** Null is a value only where the OpenAPI document says the field is nullable, so the two always agree. */
function nullable(target: object, property: string): boolean {
  const documented = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target, property) as { nullable?: boolean } | undefined;
  return documented?.nullable === true;
}

const isDto = (value: unknown): value is Dto =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;

/**
 * Fields set to null that may not be: `@IsOptional()` lets null through as if the field were left
 * out, so a PATCH with `{"name": null}` reached the database. Walks the DTO and its nested DTOs.
 */
function nullErrors(entity: Dto): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(entity)) {
    let children: ValidationError[] = [];
    if (value === null) {
      if (!nullable(entity, property))
        errors.push(Object.assign(new ValidationError(), { target: entity, property, value, constraints: { isNotNull: NOT_NULL }, children: [] }));
      continue;
    }
    if (isDto(value)) children = nullErrors(value);
    if (Array.isArray(value)) {
      children = value.flatMap((item, i) => {
        const inner = isDto(item) ? nullErrors(item) : [];
        return inner.length ? [Object.assign(new ValidationError(), { target: value, property: String(i), value: item, children: inner })] : [];
      });
    }
    if (children.length) errors.push(Object.assign(new ValidationError(), { target: entity, property, value, children }));
  }
  return errors;
}

/** The message told for one failed field, one per field: a missing value first, then the kind of value, then its size. */
function messageOf(e: ValidationError): string | undefined {
  const failed = Object.keys(e.constraints ?? {});
  if (!failed.length) return undefined;
  if (failed.includes('whitelistValidation')) return UNKNOWN_FIELD;
  const rules = rulesOf(e.target as Dto | undefined, e.property);
  if (e.value === undefined) return REQUIRED;
  if (e.value === null) return rules.some((r) => r.name === 'conditionalValidation') ? NOT_NULL : REQUIRED;
  const first = firstFailure(failed);
  return messageFor(first, rules, e.property, e.constraints![first]);
}

/** The field as the client sent it: `passport.number`, `items[2].name`. */
function fieldErrors(errors: ValidationError[], parent = '', parentIsList = false): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const e of errors) {
    const field = parentIsList ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const message = messageOf(e);
    if (message && !seen.has(field)) seen.set(field, { field, message });
    if (!message) {
      for (const child of fieldErrors(e.children ?? [], field, Array.isArray(e.value))) if (!seen.has(child.field)) seen.set(child.field, child);
    }
  }
  return [...seen.values()];
}

/** ValidationPipe that also refuses null where a field may not be null. */
class AppValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    if (!isDto(object)) return errors;
    return [...nullErrors(object), ...errors];
  }
}

/** Whitelisting, unknown fields refused, payloads transformed into their DTO classes, one plain message per field. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // target and value stay on the server: they choose the message, which never repeats them
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => CommonErrors.validation(fieldErrors(errors)),
  });
}
