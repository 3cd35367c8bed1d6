import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { merchantCertificatePem, type TestMerchant } from './wechatpay-merchant';
import type { WeChatPaySimulator } from './wechatpay-simulator';

export interface MerchantEnv {
  /** WECHATPAY_* and PUBLIC_BASE_URL exactly as an operator would set them for main.ts. */
  env: Record<string, string>;
  /** The folder the PEM files were written to; removed by dispose(). */
  dir: string;
  dispose(): Promise<void>;
}

/**
 * The merchant's files on disk (private key; the WeChat Pay public key in public-key mode, or the
 * merchant certificate in platform-certificate mode) and the environment a real server process
 * needs to take payments through `sim`, with its notify URLs under `publicBaseUrl`.
 * Public-key mode gives the serial (WECHATPAY_MERCHANT_SERIAL); platform-certificate mode gives
 * the merchant certificate instead, from which the server reads the serial.
 */
export async function writeMerchantEnv(merchant: TestMerchant, sim: WeChatPaySimulator, publicBaseUrl: string): Promise<MerchantEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'qiaodu-merchant-'));
  const file = async (name: string, pem: string) => {
    const path = join(dir, name);
    await writeFile(path, pem, { mode: 0o600 });
    return path;
  };
  const env: Record<string, string> = {
    WECHATPAY_MCHID: merchant.mchid,
    WECHATPAY_APPID: merchant.appId,
    WECHATPAY_MP_APPID: merchant.mpAppId,
    WECHATPAY_PRIVATE_KEY: await file('apiclient_key.pem', merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    WECHATPAY_APIV3_KEY: merchant.apiV3Key,
    WECHATPAY_API_BASE: sim.url,
    PUBLIC_BASE_URL: publicBaseUrl,
  };
  if (sim.mode === 'public_key') {
    env.WECHATPAY_MERCHANT_SERIAL = merchant.serial;
    env.WECHATPAY_PUBLIC_KEY = await file('pub_key.pem', sim.platformPublicKey.export({ type: 'spki', format: 'pem' }) as string);
    env.WECHATPAY_PUBLIC_KEY_ID = sim.platformKeyId;
  } else {
    env.WECHATPAY_MERCHANT_CERT = await file('apiclient_cert.pem', merchantCertificatePem(merchant));
  }
  return { env, dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
