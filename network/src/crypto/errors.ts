/** Crypto material cannot be generated or issued as asked (unknown org, user exists, bad name). */
export class CryptoMaterialError extends Error {
  override readonly name = 'CryptoMaterialError';
}
