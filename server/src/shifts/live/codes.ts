import { randomInt } from 'node:crypto';
import { LIVE_CODE_ALPHABET, LIVE_CODE_LENGTH } from '@qiaodu/shared';

/** A fresh session code from the unambiguous alphabet; uniqueness is the database's (retry on clash). */
export function newLiveCode(): string {
  let code = '';
  for (let i = 0; i < LIVE_CODE_LENGTH; i++) code += LIVE_CODE_ALPHABET[randomInt(LIVE_CODE_ALPHABET.length)];
  return code;
}
