import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { User } from './entities/user.entity.js';
import { AuditService } from './audit.service.js';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districtId: number | null;
  disabled: boolean;
  createdAt: Date;
  passwordChangedAt: Date | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  districtId: number | null;
  password: string;
}

/** Accounts: the office creates, disables and re-enables them; everyone changes their own password. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.users.find({ order: { role: 'ASC', username: 'ASC' } });
    return users.map(toView);
  }

  async create(actor: AuthenticatedUser, input: NewUser): Promise<UserView> {
    const username = input.username.trim();
    if (!/^[a-z][a-z0-9_.-]{2,49}$/.test(username))
      throw AppError.validation('用户名须以小写字母开头，3–50 位小写字母、数字、点、下划线或连字符');
    if ((input.role === Role.District) !== (input.districtId !== null)) {
      throw AppError.validation(input.role === Role.District ? '区县用户须指定所属区县' : '市级用户不能指定区县');
    }
    const weakness = passwordWeakness(input.password);
    if (weakness) throw AppError.validation(weakness);
    if (
      input.districtId !== null &&
      !(await this.dataSource.query(`SELECT 1 FROM district WHERE id = $1`, [input.districtId])).length
    ) {
      throw AppError.validation('所属区县不存在');
    }
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.findOne(User, { where: { username } })) throw AppError.conflict(`用户名「${username}」已存在`);
      const user = await manager.save(
        manager.create(User, {
          username,
          displayName: input.displayName.trim(),
          role: input.role,
          districtId: input.districtId,
          passwordHash,
        }),
      );
      const view = toView(user);
      await this.audit.record(
        actor,
        {
          action: 'user.create',
          entityType: 'app_user',
          entityId: user.id,
          districtId: user.districtId,
          after: { ...view },
        },
        manager,
      );
      return view;
    });
  }

  async setDisabled(actor: AuthenticatedUser, userId: number, disabled: boolean): Promise<UserView> {
    if (actor.id === userId && disabled) throw AppError.validation('不能停用自己的账号');
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('用户不存在');
      const before = toView(user);
      user.disabled = disabled;
      await manager.save(user);
      await this.audit.record(
        actor,
        {
          action: disabled ? 'user.disable' : 'user.enable',
          entityType: 'app_user',
          entityId: user.id,
          districtId: user.districtId,
          before: { ...before },
          after: { ...toView(user) },
        },
        manager,
      );
      return toView(user);
    });
  }

  /** Changing the password voids every token issued before (the token carries the password's change time). */
  async changeOwnPassword(actor: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOne({ where: { id: actor.id } });
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword)))
      throw AppError.validation('当前密码不正确');
    if (currentPassword === newPassword) throw AppError.validation('新密码不能与当前密码相同');
    const weakness = passwordWeakness(newPassword);
    if (weakness) throw AppError.validation(weakness);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, user.id, { passwordHash, passwordChangedAt: new Date() });
      await this.audit.record(
        actor,
        { action: 'user.password.change', entityType: 'app_user', entityId: user.id },
        manager,
      );
    });
  }
}

function toView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    districtId: user.districtId,
    disabled: user.disabled,
    createdAt: user.createdAt,
    passwordChangedAt: user.passwordChangedAt,
  };
}
