// The reference for bench/api.bench.ts: a bare NestJS (express) app with one GET route, nothing else.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller('bare')
class BareController {
  @Get()
  bare(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.env.HTTP_PORT), '127.0.0.1');
  process.stdout.write('bare ready\n');
}

void main();
