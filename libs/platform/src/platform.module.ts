import { Module } from '@nestjs/common';
import { PlatformRepository } from './platform.repository.js';
import { PlatformImportService } from './import/platform-import.service.js';
import { PlatformApiKeyService } from './api-key/platform-api-key.service.js';
import { PlatformCrossCheckService } from './cross-check/platform-cross-check.service.js';

@Module({
  providers: [PlatformRepository, PlatformImportService, PlatformApiKeyService, PlatformCrossCheckService],
  exports: [PlatformRepository, PlatformImportService, PlatformApiKeyService, PlatformCrossCheckService],
})
export class PlatformModule {}
