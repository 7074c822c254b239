import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle("Omsk Centre for migrants' recruitment — API")
    .setDescription(
      'Case management for labour migrants: dossiers, documents, deadlines, labour requests, placements, ' +
        'wage negotiations and complaints. Errors are RFC 9457 problem details with a stable `code`. ' +
        'Each route shows the permission it requires as `x-permission`. A PATCH needs `If-Match` with the ' +
        'ETag of the record as you read it (428 without it, 412 when someone saved first).',
    )
    .setVersion('1')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // a public route (`@Public()`, shown as x-permission: public) needs no token: an empty security list says so
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation && (operation as { 'x-permission'?: unknown })['x-permission'] === 'public') operation.security = [];
    }
  }
  return document;
}

/** Where Swagger UI is served. */
export const DOCS_PATH = '/docs';

/** Swagger UI at /docs, the JSON document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
