import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { AcceptOfferDto, BreakOffDto, CreateOfferDto, NegotiationDto, ReopenDto } from './dto/negotiation.dto';
import { NegotiationErrors } from './negotiations.errors';
import { NegotiationsService } from './negotiations.service';

const notFound = NegotiationErrors.requestNotFound;

@ApiTags('negotiations')
@Controller('labour-requests/:id/negotiation')
export class NegotiationsController {
  constructor(private readonly negotiations: NegotiationsService) {}

  @Get()
  @RequirePermission(Permission.NegotiationRead)
  @Operation(
    'getNegotiation',
    'The wage negotiation of a labour request',
    'Status, every offer in order with its net estimate, regional floor and gap to the local wage, ' +
      'and the agreed terms. 404 NEGOTIATION_NOT_FOUND before the first offer.',
  )
  @ApiOkResponse({ type: NegotiationDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.negotiations.get(actor, id);
  }

  @Post('offers')
  @RequirePermission(Permission.NegotiationParticipate)
  @Operation(
    'makeOffer',
    'Make an offer (the first one opens the negotiation)',
    'The party is the Centre for staff and the employer for its users. Every rule broken ' +
      'is listed in one 422 OFFER_RULES_FAILED (WAGE_BELOW_FLOOR, HOURS_OVER_LIMIT, ' +
      'DEDUCTIONS_OVER_SHARE, DEDUCTIONS_WITHOUT_BENEFIT). 409 when the request is not ' +
      'SUBMITTED/APPROVED/PARTIALLY_APPROVED or the negotiation is not OPEN. The other party is notified.',
  )
  @ApiCreatedResponse({ type: NegotiationDto })
  @ApiProblems(400, 404, 409, 422)
  offer(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: CreateOfferDto) {
    return this.negotiations.offer(actor, id, dto);
  }

  @Post('accept')
  @HttpCode(200)
  @RequirePermission(Permission.NegotiationParticipate)
  @Operation(
    'acceptOffer',
    'Accept the latest offer of the other party',
    "Its terms become the request's agreed wage for every new placement. " +
      '409 CANNOT_ACCEPT_OWN_OFFER, OFFER_SUPERSEDED, NEGOTIATION_NOT_OPEN; 422 OFFER_UNKNOWN.',
  )
  @ApiOkResponse({ type: NegotiationDto })
  @ApiProblems(400, 404, 409, 422)
  accept(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: AcceptOfferDto) {
    return this.negotiations.accept(actor, id, dto);
  }

  @Post('break-off')
  @HttpCode(200)
  @RequirePermission(Permission.NegotiationParticipate)
  @Operation('breakOffNegotiation', 'Break off an open negotiation, with a reason', 'Either party. 409 NEGOTIATION_NOT_OPEN.')
  @ApiOkResponse({ type: NegotiationDto })
  @ApiProblems(400, 404, 409)
  breakOff(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: BreakOffDto) {
    return this.negotiations.breakOff(actor, id, dto);
  }

  @Post('reopen')
  @HttpCode(200)
  @RequirePermission(Permission.NegotiationReopen)
  @Operation('reopenNegotiation', 'Reopen a broken-off negotiation (the Centre)', 'The last offer is on the table again. 409 NEGOTIATION_NOT_BROKEN_OFF.')
  @ApiOkResponse({ type: NegotiationDto })
  @ApiProblems(400, 404, 409)
  reopen(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: ReopenDto) {
    return this.negotiations.reopen(actor, id, dto);
  }
}
