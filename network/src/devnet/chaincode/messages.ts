import { peer } from '@hyperledger/fabric-protos';

export type MessageType = peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap];

export const MessageTypes = peer.ChaincodeMessage.Type;

const TYPE_NAMES = new Map<number, string>(Object.entries(MessageTypes).map(([name, value]) => [value, name]));

/** The enum name Fabric prints for a message type (Go's ChaincodeMessage_Type.String()). */
export function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? String(type);
}

/** A message of the conversation about one transaction (channel_id + txid name it on both sides). */
export function chaincodeMessage(type: MessageType, channelId: string, txId: string, payload?: Uint8Array): peer.ChaincodeMessage {
  const message = new peer.ChaincodeMessage();
  message.setType(type);
  message.setChannelId(channelId);
  message.setTxid(txId);
  if (payload) message.setPayload(payload);
  return message;
}
