/** The complaint form as posted (strings), turned into the intake's DTO and checked in the page's language. */
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreatePublicComplaintDto } from '../dto/public-complaint.dto';
import { contactProblem, type PublicLanguage } from '../public-complaint.rules';
import { TEXT } from './i18n';
import { type FormError, type FormValues, phrase } from './templates';

export type Form = Record<string, unknown>;
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What the form posted, as typed (kept when the form comes back with errors). */
export function formValues(body: Form): FormValues {
  return {
    category: text(body.category),
    narrative: text(body.narrative),
    employerName: text(body.employerName),
    place: text(body.place),
    wantsContact: body.wantsContact === 'yes',
    contact: text(body.contact),
  };
}

export function toDto(v: FormValues, language: PublicLanguage): CreatePublicComplaintDto {
  const optional = (s: string) => (s.trim() ? s : undefined);
  return plainToInstance(CreatePublicComplaintDto, {
    category: v.category,
    narrative: v.narrative,
    employerName: optional(v.employerName),
    place: optional(v.place),
    language,
    wantsContact: v.wantsContact,
    contact: optional(v.contact),
  });
}

/** The same checks as the JSON intake (the DTO's), each said in the page's language. */
export async function formErrors(dto: CreatePublicComplaintDto, lang: PublicLanguage): Promise<FormError[]> {
  const t = TEXT[lang].errors;
  const errors: FormError[] = (await validate(dto)).map((e) => {
    const max = e.constraints?.maxLength ? /\d+/.exec(e.constraints.maxLength)?.[0] : undefined;
    if (e.property === 'category') return { field: 'category', message: t.category };
    return { field: e.property, message: max ? phrase(t.tooLong, { max }) : t.required };
  });
  const contact = contactProblem(dto.wantsContact, dto.contact);
  if (contact && !errors.some((e) => e.field === 'contact'))
    errors.push({ field: 'contact', message: contact === 'CONTACT_NOT_WANTED' ? t.contactNotWanted : t.contactRequired });
  return errors;
}
