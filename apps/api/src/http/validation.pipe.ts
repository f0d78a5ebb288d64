import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from '@app/core';

/** DTO validation with Chinese messages: every field's problem at once, as details. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors: ValidationError[]) =>
      AppError.validation(
        '请求参数不正确',
        flatten(errors).map(({ field, messages }) => ({ field, messages })),
      ),
  });
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [
          {
            field,
            messages: Object.entries(error.constraints).map(([key, text]) =>
              key === 'whitelistValidation' ? '不允许的字段' : text,
            ),
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
