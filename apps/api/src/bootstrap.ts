import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, JobHandlerRegistry, JobQueue } from '@app/core';
import { DatabaseConnection } from '@app/database';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { serveWebUi } from './http/web-ui.js';

const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the API exactly as production runs it; the e2e suites call this too. */
export async function createApiApp(config: AppConfig, connection: DatabaseConnection): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, connection), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1),
    abortOnError: false,
  });
  // The municipal platform pushes up to 10,000 records in one JSON body (POST /api/platform/records).
  (app as NestExpressApplication).useBodyParser('json', { limit: '10mb' });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // In-process mode runs the processors here, so this process must have one for every queue.
  if (app.get(JobQueue).mode === 'in-process') app.get(JobHandlerRegistry).assertEveryQueueHandled();
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  if (!serveWebUi(app, config.WEB_DIST_DIR)) {
    new Logger('WebUi').warn(`未找到网页界面构建产物（${config.WEB_DIST_DIR}），仅提供接口；请先运行 npm run build`);
  }
  return app;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('居住社区公用充电设施建设 报送与绩效系统 API')
    .setDescription(
      '市发展改革委、区县（园区）与领导使用的月度报送、进度、排名、补贴与评级接口。除登录与健康检查外均需 Bearer 令牌。',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Platform-Key', description: '市级平台接口密钥' },
      'platform-key',
    )
    .build();
  return SwaggerModule.createDocument(app, options);
}
