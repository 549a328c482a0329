import 'reflect-metadata';
import { loadEngineConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = loadEngineConfig();
  const app = await NestFactory.create(AppModule.forRoot(), { bufferLogs: false });
  configureApp(app);
  await app.listen(config.HTTP_PORT, '127.0.0.1');
  Logger.log(`API on http://127.0.0.1:${config.HTTP_PORT}/api/v1 (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
