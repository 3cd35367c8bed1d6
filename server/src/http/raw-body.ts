/**
 * An answer that is not JSON (a CSV export). A handler returns it instead of an object; the
 * route mounter sends it as is, with a download file name when one is given.
 */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer,
    /** Offered as the download's file name (Content-Disposition: attachment). */
    readonly filename?: string,
  ) {}
}
