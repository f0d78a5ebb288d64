import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '@app/core';

/** Route parameter 'YYYY-MM'. */
@Injectable()
export class ParseMonthPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw AppError.validation(`月份格式应为 YYYY-MM，实际为「${value}」`);
    return value;
  }
}
