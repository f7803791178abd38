// The devnet's policies: Fabric's policy language, evaluation, and the channel config they live in.
export { compileSignaturePolicy } from './cauthdsl';
export { buildChannelConfig, type OrdererTlsEndpoint } from './channel-config';
export { PolicyError, PolicyParseError } from './errors';
export { parseImplicitMetaPolicy } from './implicit-meta';
export { channelPolicyManagerFromConfig } from './policy-manager';
export { parseSignaturePolicy } from './signature-dsl';
