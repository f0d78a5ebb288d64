/** How an import reached the system. */
export enum PlatformImportSource {
  Xlsx = 'xlsx',
  Csv = 'csv',
  /** JSON pushed by the platform to POST /api/platform/records with an office-issued key. */
  Api = 'api',
  /** Written by the embedded demo's seeder. */
  Demo = 'demo',
}

/**
 * A full import is the platform's whole list: a platform id absent from it is no longer connected (the platform
 * record was cancelled, Beijing (十三)). An incremental import adds or updates the ids it carries and says nothing
 * about the others.
 */
export enum PlatformImportScope {
  Full = 'full',
  Incremental = 'incremental',
}

export const PLATFORM_IMPORT_SOURCE_LABELS_ZH: Readonly<Record<PlatformImportSource, string>> = {
  [PlatformImportSource.Xlsx]: 'Excel 文件',
  [PlatformImportSource.Csv]: 'CSV 文件',
  [PlatformImportSource.Api]: '平台接口推送',
  [PlatformImportSource.Demo]: '演示数据',
};

export const PLATFORM_IMPORT_SCOPE_LABELS_ZH: Readonly<Record<PlatformImportScope, string>> = {
  [PlatformImportScope.Full]: '全量',
  [PlatformImportScope.Incremental]: '增量',
};
