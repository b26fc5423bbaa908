import path from 'node:path';
import { type ConfigKeySpec, configSchema } from './schema.ts';

export interface Config {
  port: number;
  host: string;
  publicUrl: string | null;
  role: 'all' | 'web' | 'worker';
  dataDir: string;
  databaseUrl: string | null;
  dbPoolSize: number;
  demo: boolean;
  secretKey: string | null;
  require2fa: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMaxAgeDays: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  videoUploadLimitBytes: number;
  caseNumberPattern: string;
  disclosureIndexPattern: string;
  supervisionWarnPercent: number;
  ratingRectifyDays: number;
  rateLoginPerMinute: number;
  ratePublicPerMinute: number;
  trustProxy: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  smsProvider: 'log';
  fileStore: 'disk';
  auditRetentionDays: number;
  logLevel: string;
  siteName: string | null;
  siteRegionName: string | null;
  siteSponsor: string | null;
  siteOrganizer: string | null;
  siteIdCode: string | null;
  siteIcp: string | null;
  sitePsb: string | null;
  sitePhone: string | null;
  siteServiceHours: string | null;
  siteAddress: string | null;
  siteErrorReportUrl: string | null;
}

export class ConfigError extends Error {}

function parseValue(key: string, spec: ConfigKeySpec, raw: string): string | number | boolean {
  switch (spec.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${spec.env} must be an integer, got "${raw}"`);
      const n = Number(raw);
      if (spec.min !== undefined && n < spec.min) throw new ConfigError(`${spec.env} must be ≥ ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw new ConfigError(`${spec.env} must be ≤ ${spec.max}`);
      return n;
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(`${spec.env} must be 0/1/true/false, got "${raw}"`);
    }
    case 'enum':
      if (!spec.values?.includes(raw)) {
        throw new ConfigError(`${spec.env} must be one of ${spec.values?.join(', ')}, got "${raw}"`);
      }
      return raw;
    case 'url':
      try {
        new URL(raw);
      } catch {
        throw new ConfigError(`${spec.env} is not a valid URL`);
      }
      return raw;
    default:
      if (key === 'secretKey' && !/^[0-9a-fA-F]{64}$/.test(raw)) {
        throw new ConfigError(`${spec.env} must be 64 hexadecimal characters (32 bytes)`);
      }
      return raw;
  }
}

/** Reads, validates and freezes the configuration; overrides win over the environment (tests, CLI). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Readonly<Config> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configSchema) as [string, ConfigKeySpec][]) {
    const raw = env[spec.env];
    out[key] = raw === undefined || raw === '' ? spec.default : parseValue(key, spec, raw);
  }
  Object.assign(out, overrides);
  const cfg = out as unknown as Config;
  if (out.require2fa === null || out.require2fa === undefined) cfg.require2fa = !cfg.demo;
  cfg.dataDir = path.resolve(cfg.dataDir);
  return Object.freeze(cfg);
}
