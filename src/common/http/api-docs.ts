import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:omsk-centre:problem:NOT_FOUND' }) type: string;
  @ApiProperty({ example: 'Not found' }) title: string;
  @ApiProperty({ example: 404 }) status: number;
  @ApiProperty() detail: string;
  @ApiProperty({ example: '/api/v1/workers/…' }) instance: string;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'NOT_FOUND' }) code: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or unknown fields',
  401: 'No or invalid access token',
  403: 'The role may never do this',
  404: "Not found, or outside the caller's scope",
  406: 'None of the accepted representations can be served',
  409: 'State conflict',
  410: 'Gone: the file has expired or was destroyed under the retention policy',
  412: 'Stale If-Match',
  413: 'Body or file too large',
  415: 'Unsupported media type',
  422: 'Breaks a business rule',
  428: 'If-Match missing: send the ETag you read',
  429: 'Rate limited',
  503: 'A dependency is down',
};

/** Documents the problem-details answers of a route. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/** operationId and summary, which every route must have. */
export function Operation(operationId: string, summary: string, description?: string) {
  return ApiOperation({ operationId, summary, description });
}

/** A PATCH of a record people edit: If-Match is required (428 without it, 412 when stale). */
export function IfMatchRequired() {
  return applyDecorators(
    // lower case, as the route's @Headers('if-match') names it, so the document lists the header once
    ApiHeader({ name: 'if-match', required: true, description: 'The ETag of your last read of the record; a stale one answers 412, none 428' }),
    ApiProblems(412, 428),
  );
}
