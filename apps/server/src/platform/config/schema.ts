// The one configuration schema. Every key: its environment variable, type, default, whether it is
// secret, and what it does. docs/config.md and the README table are generated from this list
// (`npm run docs:config`), so the documentation cannot drift from the code.

export type ConfigKind = 'string' | 'int' | 'bool' | 'enum' | 'url';

export interface ConfigKeySpec {
  env: string;
  kind: ConfigKind;
  default: string | number | boolean | null;
  sensitive: boolean;
  description: string;
  values?: readonly string[];
  min?: number;
  max?: number;
}

export const configSchema = {
  port: {
    env: 'PORT',
    kind: 'int',
    default: 3000,
    min: 0,
    max: 65535,
    sensitive: false,
    description: 'HTTP port the web role listens on.',
  },
  host: {
    env: 'HOST',
    kind: 'string',
    default: '0.0.0.0',
    sensitive: false,
    description: 'Interface the web role binds to.',
  },
  publicUrl: {
    env: 'ZT_PUBLIC_URL',
    kind: 'url',
    default: null,
    sensitive: false,
    description: 'External base URL (https://…). When it is https, session cookies are marked Secure.',
  },
  role: {
    env: 'ZT_ROLE',
    kind: 'enum',
    values: ['all', 'web', 'worker'],
    default: 'all',
    sensitive: false,
    description: 'Process role: all (web + jobs in one process), web (HTTP only) or worker (jobs only).',
  },
  dataDir: {
    env: 'ZT_DATA_DIR',
    kind: 'string',
    default: './data',
    sensitive: false,
    description: 'Data folder: embedded database, file store, generated secrets.',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    kind: 'url',
    default: null,
    sensitive: true,
    description:
      'PostgreSQL (≥ 15) connection URL. When unset, an embedded PostgreSQL server is run inside ZT_DATA_DIR.',
  },
  dbPoolSize: {
    env: 'ZT_DB_POOL_SIZE',
    kind: 'int',
    default: 10,
    min: 1,
    max: 200,
    sensitive: false,
    description: 'Connections per process in the database pool.',
  },
  demo: {
    env: 'ZT_DEMO',
    kind: 'bool',
    default: true,
    sensitive: false,
    description: 'Seed the 丽水市 demo region on first start with an empty database.',
  },
  secretKey: {
    env: 'ZT_SECRET_KEY',
    kind: 'string',
    default: null,
    sensitive: true,
    description:
      'Master key (64 hex chars) for personal-data encryption, blind indexes and the audit chain. When unset, one is generated into ZT_DATA_DIR/secrets.json on first start; set it explicitly for several processes or a server database.',
  },
  require2fa: {
    env: 'ZT_REQUIRE_2FA',
    kind: 'bool',
    default: null,
    sensitive: false,
    description:
      'Require TOTP two-factor sign-in for administrator roles. Defaults to on, and off only in demo mode.',
  },
  sessionIdleMinutes: {
    env: 'ZT_SESSION_IDLE_MINUTES',
    kind: 'int',
    default: 30,
    min: 1,
    max: 1440,
    sensitive: false,
    description: 'A session ends after this many minutes without a request.',
  },
  sessionAbsoluteHours: {
    env: 'ZT_SESSION_ABSOLUTE_HOURS',
    kind: 'int',
    default: 12,
    min: 1,
    max: 720,
    sensitive: false,
    description: 'A session ends this many hours after sign-in whatever its activity.',
  },
  lockoutThreshold: {
    env: 'ZT_LOCKOUT_THRESHOLD',
    kind: 'int',
    default: 5,
    min: 1,
    max: 100,
    sensitive: false,
    description: 'Consecutive failed sign-ins that lock an account.',
  },
  lockoutMinutes: {
    env: 'ZT_LOCKOUT_MINUTES',
    kind: 'int',
    default: 30,
    min: 1,
    max: 10080,
    sensitive: false,
    description: 'How long a locked account stays locked (a security administrator can unlock it sooner).',
  },
  passwordMaxAgeDays: {
    env: 'ZT_PASSWORD_MAX_AGE_DAYS',
    kind: 'int',
    default: 90,
    min: 0,
    max: 3650,
    sensitive: false,
    description: 'Staff must change their password after this many days (0 = never).',
  },
  bodyLimitBytes: {
    env: 'ZT_BODY_LIMIT_BYTES',
    kind: 'int',
    default: 1048576,
    min: 1024,
    max: 104857600,
    sensitive: false,
    description: 'Largest JSON or form request body accepted.',
  },
  uploadLimitBytes: {
    env: 'ZT_UPLOAD_LIMIT_BYTES',
    kind: 'int',
    default: 20971520,
    min: 1024,
    max: 1073741824,
    sensitive: false,
    description: 'Largest uploaded file accepted.',
  },
  videoUploadLimitBytes: {
    env: 'ZT_VIDEO_UPLOAD_LIMIT_BYTES',
    kind: 'int',
    default: 209715200,
    min: 1024,
    max: 4294967296,
    sensitive: false,
    description:
      'Largest article video (MP4 or WebM) accepted; videos are streamed to disk, never held in memory.',
  },
  caseNumberPattern: {
    env: 'ZT_CASE_NUMBER_PATTERN',
    kind: 'string',
    default: '{region}{yyyymmdd}{seq:6}',
    sensitive: false,
    description:
      "Pattern of case numbers (办件编号): {region} the owning unit's region code, {yyyymmdd} the receipt date, {seq:N} a per-region yearly sequence of N digits. Must contain {seq}.",
  },
  disclosureIndexPattern: {
    env: 'ZT_DISCLOSURE_INDEX_PATTERN',
    kind: 'string',
    default: '{unit}/{yyyy}-{seq:5}',
    sensitive: false,
    description:
      "Pattern of 政府信息公开目录 索引号: {unit} the publishing unit's 统一社会信用代码 (18 characters), {orgcode} its 9-character 组织机构代码, {yyyy} / {yyyymm} the publication date, {seq:N} a per-unit yearly sequence of N digits. Must contain {seq}.",
  },
  supervisionWarnPercent: {
    env: 'ZT_SUPERVISION_WARN_PERCENT',
    kind: 'int',
    default: 80,
    min: 1,
    max: 99,
    sensitive: false,
    description:
      'Electronic supervision: a case or step turns yellow when this share (%) of its promised time is used, or one working day is left.',
  },
  ratingRectifyDays: {
    env: 'ZT_RATING_RECTIFY_DAYS',
    kind: 'int',
    default: 15,
    min: 1,
    max: 60,
    sensitive: false,
    description: '好差评: working days a unit has to rectify after a bad rating.',
  },
  rateLoginPerMinute: {
    env: 'ZT_RATE_LOGIN_PER_MINUTE',
    kind: 'int',
    default: 10,
    min: 1,
    max: 100000,
    sensitive: false,
    description: 'Sign-in attempts allowed per client IP per minute.',
  },
  ratePublicPerMinute: {
    env: 'ZT_RATE_PUBLIC_PER_MINUTE',
    kind: 'int',
    default: 20,
    min: 1,
    max: 100000,
    sensitive: false,
    description: 'Public submissions (registration, forms) allowed per client IP per minute.',
  },
  trustProxy: {
    env: 'ZT_TRUST_PROXY',
    kind: 'bool',
    default: false,
    sensitive: false,
    description: 'Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of Zhengtong.',
  },
  smtpUrl: {
    env: 'ZT_SMTP_URL',
    kind: 'url',
    default: null,
    sensitive: true,
    description:
      'SMTP server for email, e.g. smtp://user:pass@mail.example.gov.cn:587. When unset, emails are written to the log.',
  },
  mailFrom: {
    env: 'ZT_MAIL_FROM',
    kind: 'string',
    default: '政通平台 <noreply@zhengtong.local>',
    sensitive: false,
    description: 'Sender address of platform emails.',
  },
  smsProvider: {
    env: 'ZT_SMS_PROVIDER',
    kind: 'enum',
    values: ['log'],
    default: 'log',
    sensitive: false,
    description:
      'SMS adapter. "log" writes messages to the log; carrier adapters plug into the same interface.',
  },
  fileStore: {
    env: 'ZT_FILE_STORE',
    kind: 'enum',
    values: ['disk'],
    default: 'disk',
    sensitive: false,
    description: 'File store provider. "disk" keeps content-addressed files in ZT_DATA_DIR/files.',
  },
  auditRetentionDays: {
    env: 'ZT_AUDIT_RETENTION_DAYS',
    kind: 'int',
    default: 365,
    min: 180,
    max: 36500,
    sensitive: false,
    description: 'Audit entries older than this are purged (at least 180 days, 网络安全法 第二十一条).',
  },
  siteName: {
    env: 'ZT_SITE_NAME',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'Portal site name shown in the header (until the website cluster manages sites).',
  },
  siteRegionName: {
    env: 'ZT_SITE_REGION_NAME',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'Region name used in portal texts, e.g. 丽水市.',
  },
  siteSponsor: {
    env: 'ZT_SITE_SPONSOR',
    kind: 'string',
    default: null,
    sensitive: false,
    description: '主办单位 shown in the portal footer.',
  },
  siteOrganizer: {
    env: 'ZT_SITE_ORGANIZER',
    kind: 'string',
    default: null,
    sensitive: false,
    description: '承办单位 shown in the portal footer.',
  },
  siteIdCode: {
    env: 'ZT_SITE_ID_CODE',
    kind: 'string',
    default: null,
    sensitive: false,
    description: '网站标识码 issued for the government website (footer); omitted when unset.',
  },
  siteIcp: {
    env: 'ZT_SITE_ICP',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'ICP 备案号 (footer); omitted when unset.',
  },
  sitePsb: {
    env: 'ZT_SITE_PSB',
    kind: 'string',
    default: null,
    sensitive: false,
    description: '公安机关备案号 (footer); omitted when unset.',
  },
  sitePhone: {
    env: 'ZT_SITE_PHONE',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'Contact telephone shown on the portal.',
  },
  siteServiceHours: {
    env: 'ZT_SITE_SERVICE_HOURS',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'Service hours shown on the portal home page.',
  },
  siteAddress: {
    env: 'ZT_SITE_ADDRESS',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'Postal address shown in the portal footer.',
  },
  siteErrorReportUrl: {
    env: 'ZT_SITE_ERROR_REPORT_URL',
    kind: 'string',
    default: null,
    sensitive: false,
    description: 'Link of “我为政府网站找错” in the footer.',
  },
  logLevel: {
    env: 'ZT_LOG_LEVEL',
    kind: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    sensitive: false,
    description: 'Log level of the JSON logs written to standard output.',
  },
} as const satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof configSchema;
