import { common, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { parsePem } from '../msp/fabric-msp';
import { useTestMsp } from '../msp/test-identities';
import { AuthFilterError } from './api';
import { checkAuthFilters } from './auth-filters';

const test_ = useTestMsp();
const MINUTE = 60_000;

function proposalAt(ms: number, creator: Uint8Array): peer.SignedProposal {
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(ms / 1000));
  const channelHeader = new common.ChannelHeader();
  channelHeader.setTimestamp(timestamp);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  const signed = new peer.SignedProposal();
  signed.setProposalBytes(proposal.serializeBinary());
  return signed;
}

const user = () => test_.ids.signer('ManufacturerMSP', 'User1').serialize();
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

test("a timestamp within the window passes; outside it, Fabric's TimeWindowCheck message", () => {
  expect(() => checkAuthFilters(proposalAt(NOW - 14 * MINUTE, user()), 15 * MINUTE, NOW)).not.toThrow();
  expect(() => checkAuthFilters(proposalAt(NOW + 14 * MINUTE, user()), 15 * MINUTE, NOW)).not.toThrow();
  expect(() => checkAuthFilters(proposalAt(NOW - 20 * MINUTE, user()), 15 * MINUTE, NOW)).toThrow(
    new AuthFilterError(
      'request unauthorized due to incorrect timestamp 2026-01-15T11:40:00Z, peer time 2026-01-15T12:00:00Z, peer.authentication.timewindow 15m0s',
    ),
  );
  expect(() => checkAuthFilters(proposalAt(NOW + 2 * 3_600_000, user()), 3_600_000 + 30_000, NOW)).toThrow(/timewindow 1h0m30s$/);
});

test('an expired creator is refused before its timestamp is looked at', () => {
  const notAfter = parsePem(test_.ids.certificatePem('ManufacturerMSP', 'User1')).notAfter;
  expect(() => checkAuthFilters(proposalAt(0, user()), 15 * MINUTE, notAfter + 1000)).toThrow(new AuthFilterError('proposal client identity expired'));
});
