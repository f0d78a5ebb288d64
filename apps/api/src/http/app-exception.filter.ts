import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError, AppErrorKind } from '@app/core';
import { isDatabaseUnavailable } from '@app/database';

const STATUS: Record<AppErrorKind, number> = {
  [AppErrorKind.Validation]: HttpStatus.UNPROCESSABLE_ENTITY,
  [AppErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [AppErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [AppErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [AppErrorKind.Conflict]: HttpStatus.CONFLICT,
  [AppErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

const HTTP_MESSAGES: Record<number, string> = {
  400: '请求格式不正确',
  401: '请先登录',
  403: '无权执行此操作',
  404: '请求的资源不存在',
  405: '不支持该请求方法',
  413: '上传文件超过 20 MB 上限，请删除无关内容后重新上传',
  415: '不支持的内容类型',
  429: '请求过于频繁，请稍后再试',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** Every error leaves the API as { statusCode, error, message (Chinese), details? }. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AppExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void }; headersSent?: boolean }>();
    if (response.headersSent) return;
    const body = this.toBody(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      return {
        statusCode: STATUS[exception.kind],
        error: exception.kind,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      // Terminus's 503 carries each indicator's state: keep it, so monitoring sees what is down.
      if (typeof response === 'object' && response !== null && 'details' in response) {
        return { statusCode: status, error: 'unavailable', message: '服务不可用：数据库无法访问', details: response };
      }
      return { statusCode: status, error: `http_${status}`, message: HTTP_MESSAGES[status] ?? exception.message };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`数据库暂时无法访问：${(exception as Error).message}`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: AppErrorKind.Unavailable,
        message: '数据库暂时无法访问，本次操作未执行，请稍后重试',
      };
    }
    if (exception instanceof QueryFailedError && (exception as unknown as { code?: string }).code === '23505') {
      return { statusCode: HttpStatus.CONFLICT, error: AppErrorKind.Conflict, message: '数据已存在，不能重复创建' };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal',
      message: '系统内部错误，请稍后重试或联系管理员',
    };
  }
}
