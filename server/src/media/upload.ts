import busboy from 'busboy';
import type Koa from 'koa';
import { AppError } from '../http/app-error';
import { createGate, type Gate } from './limiter';

export interface UploadedFile {
  bytes: Buffer;
  filename: string;
  mimeType: string;
  fields: Record<string, string>;
}

/** Text fields ride along with a file (an alt text, a kind): small ones, and few. */
const FIELD_LIMITS = { fieldNameSize: 100, fieldSize: 2 * 1024, fields: 20, parts: 30 } as const;

/**
 * Past the file limit the rest of the body is still read and thrown away, up to about as much
 * again: a client that sends its whole body before reading the answer (browsers, curl) only
 * sees our 413 if the connection is not reset under it. Beyond this allowance we stop reading
 * and close, so a gigabyte is never read.
 */
function bodyAllowance(maxBytes: number): number {
  return 2 * maxBytes + 64 * 1024;
}

const tooLarge = (maxBytes: number) =>
  new AppError('IMAGE_TOO_LARGE', `文件不能超过 ${Math.floor(maxBytes / (1024 * 1024))} MB`, { maxBytes });
const interrupted = (cause?: unknown) => new AppError('BAD_REQUEST', '上传在传输中被中断，请重试', undefined, { cause });

/**
 * Each upload holds up to 10 MB of file plus the pixels sharp makes of it; per request that is
 * bounded, and this bounds the process: three uploads are read and processed at a time, a few
 * more wait their turn (their bodies stay in the network buffers meanwhile), and anyone past
 * that is told to try again shortly rather than queueing without end.
 */
export const UPLOADS_AT_ONCE = 3;
export const UPLOADS_WAITING = 6;
const RETRY_AFTER_SECONDS = 5;
const uploads = createGate(UPLOADS_AT_ONCE, UPLOADS_WAITING);

/**
 * Takes one of the gate's slots for this request and keeps it until the answer has gone out
 * (or the client went away): the file's bytes and the sizes made of them live that long, and
 * the route's work after reading (checks, sharp, storing) needs no hook to give it back.
 * Refused at once when too many are already waiting: 503 with Retry-After.
 */
export async function holdUploadSlot(ctx: Koa.Context, gate: Gate = uploads): Promise<void> {
  const pass = gate.enter();
  if (!pass) {
    throw new AppError('SERVICE_UNAVAILABLE', '上传的人太多，请稍后重试', { retryAfterSeconds: RETRY_AFTER_SECONDS }, {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
  ctx.res.once('close', pass.leave);
  // Closed before we listened: no close event is coming to give the slot back.
  if (ctx.res.closed) pass.leave();
  try {
    await pass.ready;
  } catch (error) {
    throw interrupted(error);
  }
  if (ctx.res.closed) throw interrupted();
}

/**
 * Streams a multipart/form-data body (busboy), at most `maxBytes` for the one file in `field`;
 * text fields are collected (small limit). Other files are read past and dropped.
 *
 * An empty part without a file name is what a form sends when nothing was chosen: that is no
 * file. A named empty file is returned as is, for the image check to call it broken.
 *
 * The request holds an upload slot (`holdUploadSlot`) from here until its answer is sent.
 */
export async function readUpload(ctx: Koa.Context, upload: { field: string; maxBytes: number }): Promise<UploadedFile> {
  // By the header alone (ctx.is() says "not multipart" to an empty body, which is a form without a file).
  if (ctx.request.type !== 'multipart/form-data') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 表单上传文件');
  }
  const req = ctx.req;
  const allowance = bodyAllowance(upload.maxBytes);
  // Announced as far too large: refused before a byte is read (the error answer closes the connection).
  if (Number(req.headers['content-length'] ?? 0) > allowance) throw tooLarge(upload.maxBytes);
  await holdUploadSlot(ctx);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send file names as raw UTF-8: Chinese names must not come out as mojibake.
      defParamCharset: 'utf8',
      limits: { ...FIELD_LIMITS, fileSize: upload.maxBytes },
    });
  } catch (error) {
    throw new AppError('BAD_REQUEST', '上传内容格式不正确（缺少 boundary）', undefined, { cause: error });
  }

  return new Promise<UploadedFile>((resolve, reject) => {
    const fields = new Map<string, string>();
    let file: { filename: string; mimeType: string; chunks: Buffer[] } | null = null;
    let fileTooLarge = false;
    let fieldTooLarge = false;
    let received = 0;
    let settled = false;

    const cleanUp = () => {
      req.off('data', count);
      req.off('aborted', onAborted);
      req.off('error', onAborted);
      req.off('close', onClose);
      req.unpipe(parser);
    };
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      cleanUp();
      // Stop pulling the body; the error answer carries `Connection: close` for an unread one.
      req.pause();
      parser.destroy();
      file = null;
      reject(error);
    };
    const succeed = (value: UploadedFile) => {
      if (settled) return;
      settled = true;
      cleanUp();
      resolve(value);
    };

    function count(chunk: Buffer) {
      received += chunk.length;
      if (received > allowance) fail(tooLarge(upload.maxBytes));
    }
    function onAborted(error?: unknown) {
      fail(interrupted(error));
    }
    function onClose() {
      if (!req.complete) fail(interrupted());
    }

    const onParseError = (error: unknown) => {
      fail(req.complete ? new AppError('BAD_REQUEST', '上传内容格式不正确', undefined, { cause: error }) : interrupted(error));
    };

    parser.on('file', (name, stream, info) => {
      // A form cut off inside a file fails its stream too; unheard, that error would end the process.
      stream.on('error', onParseError);
      if (name !== upload.field || file || fileTooLarge) {
        stream.resume();
        return;
      }
      const current = { filename: info.filename ?? '', mimeType: info.mimeType, chunks: [] as Buffer[] };
      file = current;
      stream.on('data', (chunk: Buffer) => {
        if (!fileTooLarge) current.chunks.push(chunk);
      });
      // busboy stops passing this file's bytes on and skips to the next part by itself.
      stream.on('limit', () => {
        fileTooLarge = true;
        current.chunks = [];
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fieldTooLarge = true;
      else fields.set(name, value);
    });
    parser.on('error', onParseError);
    parser.on('close', () => {
      if (fileTooLarge) {
        fail(tooLarge(upload.maxBytes));
      } else if (fieldTooLarge) {
        fail(new AppError('VALIDATION_FAILED', '表单字段过长'));
      } else if (!file || (file.filename === '' && file.chunks.length === 0)) {
        fail(new AppError('VALIDATION_FAILED', '请选择要上传的文件', { field: upload.field }));
      } else {
        succeed({ bytes: Buffer.concat(file.chunks), filename: file.filename, mimeType: file.mimeType, fields: Object.fromEntries(fields) });
      }
    });

    req.on('data', count);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
    req.on('close', onClose);
    req.pipe(parser);
  });
}
