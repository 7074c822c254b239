import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Omsk Centre for migrants\' recruitment — API')
    .setDescription(
      'Case management for labour migrants: dossiers, documents, deadlines, labour requests, placements, ' +
        'wage negotiations and complaints. Errors are RFC 9457 problem details with a stable `code`. ' +
        'Each route shows the permission it requires as `x-permission`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Where Swagger UI is served. */
export const DOCS_PATH = '/docs';

/** Swagger UI at /docs, the JSON document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
