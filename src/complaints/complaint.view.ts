import type { ComplaintDto, ComplaintSummaryDto } from './dto/complaint.dto';
import { allowedMoves, type Share, type Status } from './complaint.rules';
import type { ComplaintRecord, ComplaintRow } from './complaints.repository';

type Decrypt = (token: string | null) => string | null;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * What a reader sees of a complaint. FULL: everything, decrypted. SHARED (a liaison officer): only
 * what the referrals to their agencies share (or, for one they entered, what they entered); no
 * internal notes, consents or other referrals.
 */
export function complaintDto(c: ComplaintRecord, view: 'FULL' | 'SHARED', shares: ReadonlySet<Share>, decrypt: Decrypt): ComplaintDto {
  const full = view === 'FULL';
  const has = (s: Share) => full || shares.has(s);
  return {
    id: c.id,
    reference: c.reference,
    view,
    category: has('CATEGORY') ? c.category : null,
    severity: has('CATEGORY') ? c.severity : null,
    against: has('EMPLOYER') || has('CATEGORY') ? c.against : null,
    workerId: has('WORKER_IDENTITY') ? c.workerId : null,
    employerId: has('EMPLOYER') ? c.employerId : null,
    intermediaryId: has('EMPLOYER') ? c.intermediaryId : null,
    partnerAgencyId: full ? c.partnerAgencyId : null,
    placementId: has('EMPLOYER') && has('WORKER_IDENTITY') ? c.placementId : null,
    channel: full ? c.channel : null,
    narrative: has('NARRATIVE') ? decrypt(c.narrativeEnc) : null,
    subjectName: has('EMPLOYER') ? decrypt(c.subjectNameEnc) : null,
    place: has('NARRATIVE') ? decrypt(c.placeEnc) : null,
    contact: full ? decrypt(c.contactEnc) : null,
    language: c.language,
    anonymous: c.anonymous,
    confidential: c.confidential,
    assignedToId: full ? c.assignedToId : null,
    status: c.status as Status,
    finding: c.finding,
    closeReason: full ? c.closeReason : null,
    receivedAt: c.receivedAt.toISOString(),
    triageDueAt: c.triageDueAt.toISOString(),
    triagedAt: iso(c.triagedAt),
    closedAt: iso(c.closedAt),
    destroyedAt: iso(c.destroyedAt),
    allowedTransitions: allowedMoves(c.status as Status),
    version: c.version,
    notes: (full ? c.notes : c.notes.filter((n) => n.kind !== 'INTERNAL' && has('NARRATIVE'))).map((n) => ({
      id: n.id,
      kind: n.kind,
      text: decrypt(n.textEnc),
      authorId: n.authorId,
      createdAt: n.createdAt.toISOString(),
    })),
    transitions: full
      ? c.transitions.map((t) => ({ from: t.fromStatus, to: t.toStatus, reason: t.reason, finding: t.finding, actorId: t.actorId, at: t.at.toISOString() }))
      : [],
    consents: full
      ? c.consents.map((k) => ({
          id: k.id,
          recipientKind: k.recipientKind,
          purpose: k.purpose,
          scope: k.scope as Share[],
          givenBy: k.givenBy,
          givenAt: k.givenAt.toISOString(),
          method: k.method,
          recordedById: k.recordedById,
          withdrawnAt: iso(k.withdrawnAt),
          withdrawReason: k.withdrawReason,
        }))
      : [],
    referrals: full
      ? c.referrals.map((r) => ({
          id: r.id,
          recipientKind: r.recipientKind,
          recipientName: r.recipientName,
          partnerAgencyId: r.partnerAgencyId,
          consentId: r.consentId,
          shares: r.shares as Share[],
          letter: decrypt(r.letterEnc),
          createdAt: r.createdAt.toISOString(),
        }))
      : [],
    evidence: has('EVIDENCE')
      ? c.evidence.map((e) => ({
          name: e.name,
          contentType: e.contentType,
          size: e.size,
          sha256: e.sha256,
          fromComplainant: e.fromComplainant,
          createdAt: e.createdAt.toISOString(),
          destroyedAt: iso(e.destroyedAt),
        }))
      : [],
  };
}

export function complaintSummaryDto(c: ComplaintRow, view: 'FULL' | 'SHARED', now: Date): ComplaintSummaryDto {
  const full = view === 'FULL';
  return {
    id: c.id,
    reference: c.reference,
    category: full ? c.category : null,
    severity: full ? c.severity : null,
    against: full ? c.against : null,
    status: c.status as Status,
    workerId: full ? c.workerId : null,
    assignedToId: full ? c.assignedToId : null,
    confidential: c.confidential,
    receivedAt: c.receivedAt.toISOString(),
    triageDueAt: c.triageDueAt.toISOString(),
    triageOverdue: c.status === 'RECEIVED' && c.triageDueAt < now,
    version: c.version,
  };
}

const SHARE_TITLES: Record<Share, string> = {
  CATEGORY: 'Категория жалобы',
  NARRATIVE: 'Изложение обстоятельств',
  WORKER_IDENTITY: 'Заявитель',
  EMPLOYER: 'Работодатель',
  EVIDENCE: 'Приложения',
};

const CATEGORY_RU: Record<string, string> = {
  UNPAID_WAGES: 'невыплата заработной платы',
  WAGE_BELOW_AGREED: 'заработная плата ниже согласованной',
  DOCUMENT_CONFISCATION: 'изъятие документов',
  UNSAFE_CONDITIONS: 'небезопасные условия труда',
  HOUSING: 'жилищные условия',
  VIOLENCE_OR_THREATS: 'насилие или угрозы',
  FORCED_LABOUR: 'принудительный труд',
  DISCRIMINATION: 'дискриминация',
  OFFICIAL_MISCONDUCT: 'неправомерные действия должностного лица',
  RECRUITMENT_FEE_FRAUD: 'незаконная плата за трудоустройство',
  OTHER: 'иное',
};

export interface LetterFacts {
  reference: string;
  date: string;
  recipient: string;
  category: string;
  narrative: string | null;
  worker: string | null;
  employer: string | null;
  evidence: string[];
}

/**
 * The referral letter: a section per share, and nothing else. What the consent does not cover is
 * not in `facts` at all (the service leaves it out), so the letter cannot leak it.
 */
export function referralLetter(facts: LetterFacts, shares: readonly Share[]): string {
  const lines = [
    `Центр организованного набора трудовых мигрантов, г. Омск`,
    `Исх. по обращению ${facts.reference} от ${facts.date}`,
    `Кому: ${facts.recipient}`,
    '',
    'Направляем для рассмотрения по компетенции обращение трудового мигранта. Сведения сообщаются с согласия заявителя и в пределах этого согласия.',
  ];
  for (const s of shares) {
    const value =
      s === 'CATEGORY'
        ? (CATEGORY_RU[facts.category] ?? facts.category)
        : s === 'NARRATIVE'
          ? facts.narrative
          : s === 'WORKER_IDENTITY'
            ? facts.worker
            : s === 'EMPLOYER'
              ? facts.employer
              : facts.evidence.length
                ? facts.evidence.join(', ')
                : null;
    lines.push('', `${SHARE_TITLES[s]}: ${value ?? '—'}`);
  }
  return lines.join('\n');
}
