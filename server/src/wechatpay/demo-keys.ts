import { createPrivateKey, generateKeyPair, randomBytes, randomInt, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * The keys of demo mode's pretend merchant and pretend WeChat. Made on the first start and kept
 * under DATA_DIR/wechatpay-demo, so a restarted demo shop keeps the same merchant serial and
 * platform key id (nothing paid before the restart stops verifying). They protect no money: the
 * simulator is the only party that ever sees them. Files are 0600 all the same, like real keys.
 */

export interface DemoKeys {
  merchantKey: KeyObject;
  merchantKeyPem: Buffer;
  /** Hex, like a merchant API certificate serial. */
  merchantSerial: string;
  platformKey: KeyObject;
  /** PUB_KEY_ID_…: demo mode runs WeChat's public-key mode. */
  platformKeyId: string;
  apiV3Key: string;
}

/** keys.json: everything but the two RSA keys, which are PEM files beside it. */
interface KeysFile {
  merchantSerial: string;
  platformKeyId: string;
  apiV3Key: string;
}

const MERCHANT_KEY_FILE = 'merchant-key.pem';
const PLATFORM_KEY_FILE = 'platform-key.pem';
const KEYS_FILE = 'keys.json';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const rsaKeyPair = promisify(generateKeyPair);

/** Off the event loop: two RSA-2048 keys take long enough to stall requests if made synchronously. */
async function newRsaKeyPem(): Promise<Buffer> {
  const { privateKey } = await rsaKeyPair('rsa', { modulusLength: 2048 });
  return Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
}

function newKeysFile(): KeysFile {
  return {
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    platformKeyId: `PUB_KEY_ID_01${Array.from({ length: 26 }, () => randomInt(10)).join('')}`,
    apiV3Key: Array.from({ length: 32 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join(''),
  };
}

function demoKeys(file: KeysFile, merchantKeyPem: Buffer, platformKeyPem: Buffer): DemoKeys {
  return { ...file, merchantKey: createPrivateKey(merchantKeyPem), merchantKeyPem, platformKey: createPrivateKey(platformKeyPem) };
}

async function generate(): Promise<{ file: KeysFile; merchant: Buffer; platform: Buffer }> {
  const [merchant, platform] = await Promise.all([newRsaKeyPem(), newRsaKeyPem()]);
  return { file: newKeysFile(), merchant, platform };
}

/** Writes through a temporary name: a crash mid-write leaves no half file to be read as a key. */
async function writePrivate(dir: string, name: string, content: string | Buffer): Promise<void> {
  const temporary = join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, content, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, join(dir, name));
}

async function readKept(dir: string): Promise<DemoKeys | null> {
  let text: string;
  try {
    text = await readFile(join(dir, KEYS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const file = JSON.parse(text) as KeysFile;
  const [merchant, platform] = await Promise.all([readFile(join(dir, MERCHANT_KEY_FILE)), readFile(join(dir, PLATFORM_KEY_FILE))]);
  return demoKeys(file, merchant, platform);
}

/**
 * The kept keys under dir, made and written on first use (keys.json last, so its presence means
 * the PEM files beside it are complete).
 */
async function keptKeys(dir: string): Promise<DemoKeys> {
  const kept = await readKept(dir);
  if (kept) return kept;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const made = await generate();
  await writePrivate(dir, MERCHANT_KEY_FILE, made.merchant);
  await writePrivate(dir, PLATFORM_KEY_FILE, made.platform);
  await writePrivate(dir, KEYS_FILE, `${JSON.stringify(made.file, null, 2)}\n`);
  return demoKeys(made.file, made.merchant, made.platform);
}

/** One set per process for keysDir null: every test app would otherwise pay for two RSA keys. */
let inMemory: Promise<DemoKeys> | null = null;

export function loadDemoKeys(dir: string | null): Promise<DemoKeys> {
  if (dir !== null) return keptKeys(dir);
  inMemory ??= generate().then((made) => demoKeys(made.file, made.merchant, made.platform));
  return inMemory;
}

export const DEMO_KEY_FILES = [MERCHANT_KEY_FILE, PLATFORM_KEY_FILE, KEYS_FILE] as const;
