import { AppError } from '../common/errors/app-error';
import type { MoveProblem, Share } from './complaint.rules';

export const ComplaintErrors = {
  notFound: () => new AppError(404, 'COMPLAINT_NOT_FOUND', 'The complaint was not found.'),
  consentNotFound: () => new AppError(404, 'CONSENT_NOT_FOUND', 'The consent was not found on this complaint.'),
  move: (p: MoveProblem) => {
    switch (p.code) {
      case 'COMPLAINT_TRANSITION_NOT_ALLOWED':
        return new AppError(409, p.code, `This move is not allowed from the complaint's status; allowed: ${p.allowed.join(', ') || 'none'}.`, {
          allowed: p.allowed,
          errors: [{ field: 'to', message: `allowed: ${p.allowed.join(', ') || 'none'}` }],
        });
      case 'REASON_REQUIRED':
        return new AppError(422, p.code, 'Closing or reopening a complaint needs a reason.', {
          errors: [{ field: 'reason', message: 'required for this move' }],
        });
      case 'FINDING_REQUIRED':
        return new AppError(422, p.code, 'A resolved complaint needs a finding: SUBSTANTIATED, NOT_SUBSTANTIATED or INCONCLUSIVE.', {
          errors: [{ field: 'finding', message: 'required for RESOLVED' }],
        });
      case 'FINDING_NOT_EXPECTED':
        return new AppError(422, p.code, 'A finding is given only when the complaint is resolved.', {
          errors: [{ field: 'finding', message: 'only with RESOLVED' }],
        });
    }
  },
  changed: () => new AppError(409, 'COMPLAINT_CHANGED', 'The complaint changed while your change was being made; reload it and try again.'),
  closed: () => new AppError(409, 'COMPLAINT_CLOSED', 'The complaint is closed; reopen it first.'),
  destroyed: () =>
    new AppError(409, 'COMPLAINT_CONTENT_DESTROYED', 'The content of this complaint was destroyed under the retention policy; only its statistics remain.'),
  consentRequired: () =>
    new AppError(422, 'CONSENT_REQUIRED', 'The worker has not consented to sharing this complaint with that kind of recipient; record their consent first.', {
      errors: [{ field: 'recipientKind', message: 'no consent recorded for this recipient kind' }],
    }),
  consentWithdrawn: () =>
    new AppError(422, 'CONSENT_WITHDRAWN', 'The worker withdrew their consent for that kind of recipient; no new referral may go under it.', {
      errors: [{ field: 'recipientKind', message: 'consent withdrawn' }],
    }),
  shareNotCovered: (shares: Share[]) =>
    new AppError(422, 'CONSENT_SCOPE_EXCEEDED', `The worker's consent does not cover sharing: ${shares.join(', ')}.`, {
      errors: [{ field: 'shares', message: `not covered by the consent: ${shares.join(', ')}` }],
    }),
  consentAlreadyWithdrawn: () => new AppError(409, 'CONSENT_ALREADY_WITHDRAWN', 'This consent was already withdrawn.'),
  field: (field: string, code: string, message: string) => new AppError(422, code, message, { errors: [{ field, message }] }),
  policyChanged: () => new AppError(409, 'COMPLAINT_POLICY_CHANGED', 'The complaints policy changed meanwhile; reload it and try again.'),
};
