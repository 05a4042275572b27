import { z } from 'zod';
import { ConfigError } from '@callcart/service-kit';
import { durationMsSchema } from '../shared/duration';

const httpUrl = z.string().regex(/^https?:\/\/[^\s/]+\/?$/, 'expected http(s)://host[:port]');

/** The SMS variables of the orders service (README, configuration). */
export const smsEnvSchema = z.object({
  /** Where one-time codes go: `outbox` (development: kept for the admin page), `aliyun` or `twilio`. */
  SMS_SENDER: z.enum(['outbox', 'aliyun', 'twilio']).default('outbox'),
  /** Tries per code on transient provider failures (5xx, throttling, network), with backoff between. */
  SMS_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
  SMS_RETRY_BACKOFF: durationMsSchema.prefault('300ms'),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().optional(),
  /** The template's variable that receives the code (`${code}` in the approved template). */
  ALIYUN_SMS_TEMPLATE_PARAM: z.string().regex(/^\w+$/, 'a template variable name').default('code'),
  ALIYUN_SMS_ENDPOINT: httpUrl.default('https://dysmsapi.aliyuncs.com'),
  /** The Twilio client itself refuses an account SID not starting with AC: say so at start, by name. */
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC\w+$/, 'an account SID (AC…)').optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG\w+$/, 'a messaging service SID (MG…)').optional(),
  TWILIO_API_URL: httpUrl.default('https://api.twilio.com'),
});

type SmsEnv = z.infer<typeof smsEnvSchema>;

export interface AliyunSmsConfig {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: string;
  readonly endpoint: URL;
}

export interface TwilioSmsConfig {
  readonly accountSid: string;
  readonly authToken: string;
  /** Exactly one of the sender number and the messaging service. */
  readonly from?: string;
  readonly messagingServiceSid?: string;
  readonly apiUrl: URL;
}

export interface SmsConfig {
  readonly sender: SmsEnv['SMS_SENDER'];
  readonly sendAttempts: number;
  readonly retryBackoffMs: number;
  readonly aliyun?: AliyunSmsConfig;
  readonly twilio?: TwilioSmsConfig;
}

function required(vars: SmsEnv, names: readonly (keyof SmsEnv)[]): { variable: string; problem: string }[] {
  return names.filter((name) => vars[name] === undefined).map((variable) => ({ variable, problem: `required with SMS_SENDER=${vars.SMS_SENDER}` }));
}

/** The typed SMS settings; the chosen provider's credentials must all be there (ConfigError names the missing ones). */
export function readSmsConfig(service: string, vars: SmsEnv): SmsConfig {
  const base = { sender: vars.SMS_SENDER, sendAttempts: vars.SMS_SEND_ATTEMPTS, retryBackoffMs: vars.SMS_RETRY_BACKOFF };
  if (vars.SMS_SENDER === 'aliyun') {
    const missing = required(vars, ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE']);
    if (missing.length > 0) throw new ConfigError(service, missing);
    return {
      ...base,
      aliyun: {
        accessKeyId: vars.ALIYUN_SMS_ACCESS_KEY_ID!,
        accessKeySecret: vars.ALIYUN_SMS_ACCESS_KEY_SECRET!,
        signName: vars.ALIYUN_SMS_SIGN_NAME!,
        templateCode: vars.ALIYUN_SMS_TEMPLATE_CODE!,
        templateParam: vars.ALIYUN_SMS_TEMPLATE_PARAM,
        endpoint: new URL(vars.ALIYUN_SMS_ENDPOINT),
      },
    };
  }
  if (vars.SMS_SENDER === 'twilio') {
    const missing = required(vars, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
    if ((vars.TWILIO_FROM === undefined) === (vars.TWILIO_MESSAGING_SERVICE_SID === undefined)) {
      missing.push({ variable: 'TWILIO_FROM', problem: 'set exactly one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID' });
    }
    if (missing.length > 0) throw new ConfigError(service, missing);
    return {
      ...base,
      twilio: {
        accountSid: vars.TWILIO_ACCOUNT_SID!,
        authToken: vars.TWILIO_AUTH_TOKEN!,
        from: vars.TWILIO_FROM,
        messagingServiceSid: vars.TWILIO_MESSAGING_SERVICE_SID,
        apiUrl: new URL(vars.TWILIO_API_URL),
      },
    };
  }
  return base;
}
