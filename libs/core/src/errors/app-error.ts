/**
 * Errors raised by domain code. The message is what the user reads (Simplified Chinese); the API's exception
 * filter maps the kind to an HTTP status. Domain libraries throw these and never import HTTP classes.
 */
export enum AppErrorKind {
  Validation = 'validation',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unavailable = 'unavailable',
}

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(message: string, details?: unknown): AppError {
    return new AppError(AppErrorKind.Validation, message, details);
  }
  static notFound(message: string): AppError {
    return new AppError(AppErrorKind.NotFound, message);
  }
  static forbidden(message = '无权访问该数据'): AppError {
    return new AppError(AppErrorKind.Forbidden, message);
  }
  static conflict(message: string, details?: unknown): AppError {
    return new AppError(AppErrorKind.Conflict, message, details);
  }
  static unauthenticated(message = '请先登录'): AppError {
    return new AppError(AppErrorKind.Unauthenticated, message);
  }
}
