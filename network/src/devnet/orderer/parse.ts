import { common } from '@hyperledger/fabric-protos';
import { BroadcastError, errorMessage } from './errors';

export interface BroadcastHeader {
  readonly header: common.Header;
  readonly channelHeader: common.ChannelHeader;
}

/** The payload's header and channel header (protoutil.ChannelHeader); a malformed message is a BAD_REQUEST. */
export function parseBroadcastHeader(envelope: common.Envelope): BroadcastHeader {
  let payload: common.Payload;
  try {
    payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  } catch (err) {
    throw badRequest(`error unmarshalling Payload: ${errorMessage(err)}`);
  }
  const header = payload.getHeader();
  if (!header) throw badRequest('header not set');
  const channelHeaderBytes = header.getChannelHeader_asU8();
  if (channelHeaderBytes.length === 0) throw badRequest('channel header not set');
  try {
    return { header, channelHeader: common.ChannelHeader.deserializeBinary(channelHeaderBytes) };
  } catch (err) {
    throw badRequest(`error unmarshalling channel header: error unmarshalling ChannelHeader: ${errorMessage(err)}`);
  }
}

function badRequest(reason: string): BroadcastError {
  return new BroadcastError(common.Status.BAD_REQUEST, `could not determine channel ID: ${reason}`);
}
