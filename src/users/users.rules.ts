import { Role } from '../access/permissions';

/** What is wrong with a role and its links: an employer user has exactly one employer, a liaison officer one or more agencies. Pure. */
export function linkProblems(role: Role, employerId: string | null | undefined, agencyIds: string[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (role === Role.EMPLOYER && !employerId) problems.push({ field: 'employerId', message: 'is required for an EMPLOYER user' });
  if (role !== Role.EMPLOYER && employerId) problems.push({ field: 'employerId', message: 'is only allowed for an EMPLOYER user' });
  if (role === Role.LIAISON && agencyIds.length === 0) problems.push({ field: 'agencyIds', message: 'a LIAISON user needs at least one partner agency' });
  if (role !== Role.LIAISON && agencyIds.length > 0) problems.push({ field: 'agencyIds', message: 'is only allowed for a LIAISON user' });
  return problems;
}
