export class FabricNetworkError extends Error {
  override readonly name = 'FabricNetworkError';
}
