import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { ComplaintErrors } from './complaints.errors';
import { ComplaintsService } from './complaints.service';
import {
  ComplaintDto,
  ComplaintPageDto,
  ComplaintPolicyDto,
  ComplaintPolicyViewDto,
  ComplaintQueryDto,
  CreateComplaintDto,
  CreateConsentDto,
  CreateReferralDto,
  NoteDto,
  PatchComplaintDto,
  TransitionDto,
  WithdrawConsentDto,
} from './dto/complaint.dto';

const notFound = ComplaintErrors.notFound;
const READ_NOTE = 'Every read is written to the access log. Employers are refused (403) on every complaint route.';

@ApiTags('complaints')
@Controller()
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post('complaints')
  @RequirePermission(Permission.ComplaintWrite)
  @Operation(
    'createComplaint',
    'Enter a complaint on a worker’s behalf',
    'The category proposes the severity (VIOLENCE_OR_THREATS, FORCED_LABOUR, DOCUMENT_CONFISCATION ' +
      'are CRITICAL); staff may raise it. A CRITICAL complaint notifies its caseworker (or every caseworker) ' +
      'and the administrators at once. Narrative stored encrypted. 422 when a linked worker, employer, ' +
      'intermediary, agency or placement does not exist or is outside the caller’s scope.',
  )
  @ApiCreatedResponse({ type: ComplaintDto })
  @ApiProblems(400, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateComplaintDto) {
    return this.complaints.create(actor, dto);
  }

  @Get('complaints')
  @RequirePermission(Permission.ComplaintRead)
  @Operation(
    'listComplaints',
    'Complaints the caller may see, newest first',
    'Confidential complaints only for their caseworker and the administrators; ' +
      'liaison officers only those referred to their agencies. No narrative in the list.',
  )
  @ApiOkResponse({ type: ComplaintPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ComplaintQueryDto) {
    return this.complaints.list(actor, query);
  }

  @Get('complaints/:id')
  @RequirePermission(Permission.ComplaintRead)
  @Operation('getComplaint', 'One complaint, decrypted for its reader', `A liaison officer sees only what the referral to their agency shares. ${READ_NOTE}`)
  @ApiOkResponse({ type: ComplaintDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.complaints.get(actor, id);
  }

  @Patch('complaints/:id')
  @RequirePermission(Permission.ComplaintManage)
  @IfMatchRequired()
  @Operation(
    'patchComplaint',
    'Assign, mark confidential, raise the severity or correct the links',
    'If-Match required (428 without it, 412 when stale). Raising to CRITICAL while untriaged alerts at once.',
  )
  @ApiOkResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  patch(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: PatchComplaintDto, @Headers('if-match') ifMatch?: string) {
    return this.complaints.patch(actor, id, dto, ifMatch);
  }

  @Post('complaints/:id/transitions')
  @HttpCode(200)
  @RequirePermission(Permission.ComplaintWrite)
  @Operation(
    'transitionComplaint',
    'Move a complaint: TRIAGED, INVESTIGATING, RESOLVED, DISMISSED or REOPENED',
    'REFERRED is reached by the first referral. Closing needs a reason, RESOLVED also a finding (422). An illegal ' +
      'move answers 409 COMPLAINT_TRANSITION_NOT_ALLOWED with the allowed targets. If-Match honoured when sent.',
  )
  @ApiOkResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 409, 412, 422)
  transition(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: TransitionDto, @Headers('if-match') ifMatch?: string) {
    return this.complaints.transition(actor, id, dto, ifMatch);
  }

  @Post('complaints/:id/notes')
  @RequirePermission(Permission.ComplaintWrite)
  @Operation('addComplaintNote', 'Add an internal note, or a message to the complainant (shown on the public status page)', 'Stored encrypted.')
  @ApiCreatedResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 409)
  note(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: NoteDto) {
    return this.complaints.addNote(actor, id, dto);
  }

  @Post('complaints/:id/consents')
  @RequirePermission(Permission.ComplaintConsent)
  @Operation(
    'recordComplaintConsent',
    'Record the worker’s consent to share the complaint with one kind of recipient, for one purpose',
    'Who gave it, when, how it was recorded and what it covers; the recorder is the caller.',
  )
  @ApiCreatedResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 422)
  consent(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: CreateConsentDto) {
    return this.complaints.addConsent(actor, id, dto);
  }

  @Post('complaints/:id/consents/:consentId/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.ComplaintConsent)
  @Operation(
    'withdrawComplaintConsent',
    'Withdraw a consent',
    'No new referral may go under it (422 CONSENT_WITHDRAWN); referrals already made stay on record. 409 when already withdrawn.',
  )
  @ApiOkResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 409)
  withdraw(
    @CurrentActor() actor: Actor,
    @IdParam(notFound) id: string,
    @IdParam(ComplaintErrors.consentNotFound, 'consentId') consentId: string,
    @Body() dto: WithdrawConsentDto,
  ) {
    return this.complaints.withdrawConsent(actor, id, consentId, dto);
  }

  @Post('complaints/:id/referrals')
  @RequirePermission(Permission.ComplaintWrite)
  @Operation(
    'referComplaint',
    'Refer the complaint to an authority or organisation',
    'Requires the worker’s recorded consent for that recipient kind covering what is shared (422 CONSENT_REQUIRED, ' +
      'CONSENT_WITHDRAWN, CONSENT_SCOPE_EXCEEDED); an anonymous complaint with no identity needs none. ' +
      'The first referral makes the complaint REFERRED; a partner agency’s liaison officers then see what is shared. ' +
      'The letter holds only what the consent covers. 409 when closed.',
  )
  @ApiCreatedResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 409, 422)
  refer(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: CreateReferralDto) {
    return this.complaints.refer(actor, id, dto);
  }

  @Get('reference/complaint-policy')
  @RequirePermission(Permission.ComplaintRead)
  @Operation('getComplaintPolicy', 'Triage periods by severity, retaliation watch window, retention of closed complaints')
  @ApiOkResponse({ type: ComplaintPolicyViewDto })
  policy() {
    return this.complaints.policy();
  }

  @Put('reference/complaint-policy')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putComplaintPolicy', 'Change the complaints policy (administrators)', 'Applies to complaints received from now on; If-Match honoured. Audited.')
  @ApiOkResponse({ type: ComplaintPolicyViewDto })
  @ApiProblems(400, 409, 412)
  putPolicy(@CurrentActor() actor: Actor, @Body() dto: ComplaintPolicyDto, @Headers('if-match') ifMatch?: string) {
    return this.complaints.putPolicy(actor, dto, ifMatch);
  }
}
