import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser } from '@app/core';
import { AuditService } from '@app/auth';
import { PlatformApiKey } from '../entities/platform-api-key.entity.js';
import { generatePlatformKey, hashPlatformKey } from './platform-api-key.secret.js';

export interface PlatformKeyView {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface IssuedPlatformKey extends PlatformKeyView {
  /** The key itself: shown this once. */
  key: string;
}

export const PLATFORM_KEY_MESSAGES = {
  missing: '缺少平台接口密钥：请在请求头 X-Platform-Key 中提供市发展改革委发放的密钥',
  invalid: '平台接口密钥无效或已停用，请联系市发展改革委',
  notFound: '平台接口密钥不存在',
  revoked: '该密钥已停用',
  badName: '密钥名称须为 1 至 50 个字',
} as const;

/** Keys the office issues to the municipal platform, rotates and revokes; every change audited. */
@Injectable()
export class PlatformApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PlatformKeyView[]> {
    const keys = await this.dataSource.getRepository(PlatformApiKey).find({ order: { id: 'DESC' } });
    return keys.map(view);
  }

  async issue(user: AuthenticatedUser, name: string): Promise<IssuedPlatformKey> {
    const trimmed = (name ?? '').trim();
    if (trimmed.length === 0 || [...trimmed].length > 50) throw AppError.validation(PLATFORM_KEY_MESSAGES.badName);
    return this.dataSource.transaction(async (manager) => {
      const secret = generatePlatformKey();
      const saved = await manager.save(
        manager.create(PlatformApiKey, {
          name: trimmed,
          keyPrefix: secret.keyPrefix,
          keyHash: secret.keyHash,
          createdBy: user.id,
        }),
      );
      await this.audit.record(
        user,
        {
          action: 'platform.key.issue',
          entityType: 'platform_api_key',
          entityId: saved.id,
          after: { name: trimmed, keyPrefix: secret.keyPrefix },
        },
        manager,
      );
      return { ...view(saved), key: secret.key };
    });
  }

  /** A new key under the same name; the old one stops working in the same transaction. */
  async rotate(user: AuthenticatedUser, id: number): Promise<IssuedPlatformKey> {
    return this.dataSource.transaction(async (manager) => {
      const old = await manager.findOne(PlatformApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!old) throw AppError.notFound(PLATFORM_KEY_MESSAGES.notFound);
      if (old.revokedAt) throw AppError.conflict(PLATFORM_KEY_MESSAGES.revoked);
      const now = new Date();
      await manager.update(PlatformApiKey, id, { revokedAt: now, revokedBy: user.id });
      const secret = generatePlatformKey();
      const saved = await manager.save(
        manager.create(PlatformApiKey, {
          name: old.name,
          keyPrefix: secret.keyPrefix,
          keyHash: secret.keyHash,
          createdBy: user.id,
        }),
      );
      await this.audit.record(
        user,
        {
          action: 'platform.key.rotate',
          entityType: 'platform_api_key',
          entityId: id,
          before: { id, keyPrefix: old.keyPrefix },
          after: { id: saved.id, keyPrefix: secret.keyPrefix, revokedId: id },
        },
        manager,
      );
      return { ...view(saved), key: secret.key };
    });
  }

  async revoke(user: AuthenticatedUser, id: number): Promise<PlatformKeyView> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(PlatformApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw AppError.notFound(PLATFORM_KEY_MESSAGES.notFound);
      if (key.revokedAt) throw AppError.conflict(PLATFORM_KEY_MESSAGES.revoked);
      key.revokedAt = new Date();
      key.revokedBy = user.id;
      await manager.save(key);
      await this.audit.record(
        user,
        {
          action: 'platform.key.revoke',
          entityType: 'platform_api_key',
          entityId: id,
          before: { revokedAt: null },
          after: { revokedAt: key.revokedAt.toISOString() },
        },
        manager,
      );
      return view(key);
    });
  }

  /** The active key the header carries, or 401 with a Chinese message. */
  async authenticate(header: string | string[] | undefined): Promise<PlatformApiKey> {
    const raw = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
    if (raw === '') throw AppError.unauthenticated(PLATFORM_KEY_MESSAGES.missing);
    const key = await this.dataSource
      .getRepository(PlatformApiKey)
      .findOne({ where: { keyHash: hashPlatformKey(raw) } });
    if (!key || key.revokedAt) throw AppError.unauthenticated(PLATFORM_KEY_MESSAGES.invalid);
    return key;
  }

  async touch(id: number): Promise<void> {
    await this.dataSource.getRepository(PlatformApiKey).update(id, { lastUsedAt: new Date() });
  }
}

function view(key: PlatformApiKey): PlatformKeyView {
  return {
    id: key.id,
    name: key.name,
    keyPrefix: key.keyPrefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
