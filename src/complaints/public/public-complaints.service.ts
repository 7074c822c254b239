import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { clientAddress, retryAfterSeconds } from '../../auth/login-throttle.rules';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../../audit/audit.service';
import { SharedThrottlerStorage } from '../../common/throttling/rate-limit.storage';
import { localDay } from '../../deadlines/reminders.rules';
import { Clock } from '../../infra/clock/clock';
import { FieldCrypto } from '../../infra/crypto/field-crypto';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { isUniqueViolation } from '../../infra/database/unique-violation';
import { NotificationsService } from '../../notifications/notifications.service';
import { coarseStatus, effectiveSeverity, Status, triageDueAt } from '../complaint.rules';
import { ComplaintAlerts } from '../complaint-alerts';
import { ComplaintsRepository } from '../complaints.repository';
import { newReference } from '../complaints.service';
import { accessCodeHash, NO_COMPLAINT_HASH, newAccessCode, normaliseReference, sameHash } from './access-code';
import { CreatePublicComplaintDto, PublicComplaintReceiptDto, PublicComplaintStatusDto } from './dto/public-complaint.dto';
import { againstOf, contactProblem, failureWaitMs, publicMessages } from './public-complaint.rules';
import { PublicComplaintErrors } from './public-complaints.errors';

const HOUR_MS = 3_600_000;

/** Who sent a public request: its id (for the trail) and its client address (for the limits only). */
export interface PublicCaller {
  requestId: string;
  ip: string;
}

/**
 * The complainant as the audit trail and the access log record them: the request id, no account
 * and no address. An address ties a complaint to a household or a workplace's connection, and a
 * trail is read by more people than the complaint is; the limits use the address, hashed, and keep
 * it no longer than their hour.
 */
const complainant = (c: PublicCaller) => ({ requestId: c.requestId, ip: null }) as unknown as Actor;

/**
 * Anonymous complaints from the public (issue #18, item 7): intake with a reference and an access
 * code shown once, the coarse status and messages behind the code, and the limits on both.
 */
@Injectable()
export class PublicComplaintsService {
  private readonly perHour: number;
  private readonly failuresPerHour: number;
  /** The Centre's time zone: the day a complaint was received is the Centre's day. */
  private readonly timeZone: string;

  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly alerts: ComplaintAlerts,
    private readonly notifications: NotificationsService,
    private readonly counters: SharedThrottlerStorage,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perHour = config.publicComplaints.perHour;
    this.failuresPerHour = config.publicComplaints.statusFailuresPerHour;
    this.timeZone = config.deadlines.timeZone;
  }

  /** A complaint from the public form: PUBLIC_FORM, anonymous, severity from its category. */
  async create(caller: PublicCaller, dto: CreatePublicComplaintDto): Promise<PublicComplaintReceiptDto> {
    const contact = contactProblem(dto.wantsContact, dto.contact);
    if (contact) throw PublicComplaintErrors.contact(contact);
    await this.countIntake(caller);
    const now = this.clock.now();
    const severity = effectiveSeverity(dto.category, null);
    const policy = await this.repo.policy();
    const against = againstOf(dto.category);
    const accessCode = newAccessCode();
    const enc = (v: string | undefined) => (v ? this.crypto.encrypt(v) : null);
    for (let attempt = 0; ; attempt++) {
      const reference = newReference(now);
      try {
        await this.transactions.run(async (tx) => {
          const c = await this.repo.insert(tx, {
            reference,
            category: dto.category,
            severity,
            against,
            channel: 'PUBLIC_FORM',
            narrativeEnc: this.crypto.encrypt(dto.narrative),
            subjectNameEnc: enc(dto.employerName),
            placeEnc: enc(dto.place),
            contactEnc: dto.wantsContact ? enc(dto.contact) : null,
            language: dto.language ?? null,
            anonymous: true,
            accessCodeHash: accessCodeHash(reference, accessCode),
            receivedAt: now,
            triageDueAt: triageDueAt(policy, severity, now),
          });
          await this.repo.addTransition(tx, { complaintId: c.id, fromStatus: null, toStatus: 'RECEIVED', actorId: null, at: now });
          // never the code, the narrative or the contact; whether there is a contact, yes
          await this.audit.change(tx, complainant(caller), 'complaint.public_create', 'complaint', c.id, {
            reference,
            category: dto.category,
            severity,
            against,
            channel: 'PUBLIC_FORM',
            language: dto.language ?? null,
            wantsContact: dto.wantsContact === true,
          });
          if (severity === 'CRITICAL') await this.alerts.critical(tx, c);
        });
        return { reference, accessCode };
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 4) throw e;
      }
    }
  }

  /** The coarse status and the messages, for the holder of the code; the read goes to the access log. */
  async status(caller: PublicCaller, reference: string, code: string | undefined): Promise<PublicComplaintStatusDto> {
    const c = await this.open(caller, reference, code);
    await this.audit.access(complainant(caller), 'complaint.public_read', 'complaint', c.id);
    return this.view(c);
  }

  /** A message from the complainant: a FROM_COMPLAINANT note (encrypted); the caseworker (else the administrators) hears of it. */
  async addMessage(caller: PublicCaller, reference: string, code: string | undefined, text: string): Promise<PublicComplaintStatusDto> {
    const c = await this.open(caller, reference, code);
    if (c.destroyedAt) throw PublicComplaintErrors.destroyed();
    await this.transactions.run(async (tx) => {
      const note = await this.repo.addNote(tx, {
        complaintId: c.id,
        kind: 'FROM_COMPLAINANT',
        textEnc: this.crypto.encrypt(text),
        authorId: null,
        createdAt: this.clock.now(),
      });
      await this.repo.touch(tx, c.id);
      await this.audit.change(tx, complainant(caller), 'complaint.public_message', 'complaint', c.id, { noteId: note.id });
      const users = await this.repo.recipients(tx, c.assignedToId ? { userIds: [c.assignedToId] } : { roles: ['ADMIN'] });
      for (const u of users) {
        const title = u.language === 'en' ? `New message from the complainant: ${c.reference}` : `Новое сообщение заявителя по жалобе ${c.reference}`;
        await this.notifications.notify(tx, [u.id], { kind: 'COMPLAINT_MESSAGE', title, entityType: 'complaint', entityId: c.id });
      }
    });
    await this.audit.access(complainant(caller), 'complaint.public_message.read', 'complaint', c.id);
    return this.view(c);
  }

  // ---- internals ----

  private async view(c: { id: string; reference: string; status: string; receivedAt: Date }): Promise<PublicComplaintStatusDto> {
    const notes = await this.repo.complainantNotes(c.id);
    return {
      reference: c.reference,
      status: coarseStatus(c.status as Status),
      receivedAt: localDay(c.receivedAt, this.timeZone),
      messages: publicMessages(notes.map((n) => ({ kind: n.kind, text: n.textEnc ? this.crypto.decrypt(n.textEnc) : null, createdAt: n.createdAt }))),
    };
  }

  /**
   * The complaint whose reference and code these are. Throttled first (429 while the address or the
   * reference has had too many wrong codes this hour, before anything is compared). An unknown
   * reference and a wrong code take the same path: one indexed read, one hash, one constant-time
   * comparison (against a fixed hash when there is no complaint), one counted failure, one 404.
   */
  private async open(caller: PublicCaller, typedReference: string, code: string | undefined) {
    const reference = normaliseReference(typedReference);
    const keys = [this.key('address', clientAddress(caller.ip)), this.key('reference', reference)];
    const now = this.clock.now();
    const wait = failureWaitMs(await this.repo.accessFailures(keys), this.failuresPerHour, now);
    if (wait > 0) throw PublicComplaintErrors.codeThrottled(retryAfterSeconds(wait));
    const c = reference ? await this.repo.byReference(reference) : null;
    const matches = sameHash(c?.accessCodeHash ?? NO_COMPLAINT_HASH, accessCodeHash(reference, code ?? ''));
    if (!c || !c.accessCodeHash || !matches) {
      await this.repo.countAccessFailure(keys, now, new Date(now.getTime() + HOUR_MS));
      throw PublicComplaintErrors.notFound();
    }
    return c;
  }

  /** Counts one intake from the caller's address in the shared rate-limit storage (Redis or PostgreSQL). */
  private async countIntake(caller: PublicCaller): Promise<void> {
    const hit = await this.counters.increment(this.key('intake', clientAddress(caller.ip)), HOUR_MS, this.perHour, HOUR_MS, 'public-complaints');
    if (hit.isBlocked) throw PublicComplaintErrors.intakeThrottled(Math.max(1, hit.timeToBlockExpire));
  }

  /** A counter's key: an HMAC, so that neither Redis nor the database holds an address or a reference in clear. */
  private key(scope: string, value: string): string {
    return this.crypto.blindIndex(`public-complaint\u0000${scope}\u0000${value}`, false);
  }
}
