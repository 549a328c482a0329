import { INestApplication, VersioningType } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './problems/validation';
import { securityHeaders } from './security-headers';

export const API_TITLE = 'Whistle engine API (基层吹哨、部门报到)';

/** Everything main.ts and tests share: security headers, /api/v1 prefix, validation, OpenAPI at /api/docs. */
export function configureApp(app: INestApplication): OpenAPIObject {
  app.use(securityHeaders());
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, () => document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  return document;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setDescription(
      'Stations raise and close issues, the district dispatch blows the whistle, departments report in, supervisors verify. ' +
        'Bearer JWTs carry a role and a scope; every error is an RFC 9457 problem document; every POST takes an Idempotency-Key.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}
