import { common, peer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import { blockHeaderHash } from '../orderer/blocks';
import { checkAcl, type AclSources } from './acl';
import { error, success, type SystemChaincode, type SystemChaincodeCall } from './api';
import { invokedChaincodeName } from './invoked-name';

const NAME = 'qscc';

/** A ledger read that found nothing, worded as Fabric's block store index words it. */
class NotInIndex extends Error {}

/**
 * Fabric's query system chaincode (core/scc/qscc): blocks and transactions of a channel's ledger, each function
 * behind its channel Readers ACL. Called by a client only: another chaincode reaching it is refused, since on
 * Fabric it would wait on the ledger lock its caller holds.
 */
export class QuerySystemChaincode implements SystemChaincode {
  readonly name = NAME;

  constructor(
    private readonly ledgerFor: (channel: string) => ChannelLedger | undefined,
    private readonly acl: AclSources,
  ) {}

  async invoke(call: SystemChaincodeCall): Promise<peer.Response> {
    const { args } = call;
    if (args.length < 2) return error(`Incorrect number of arguments, ${args.length}`);
    const fname = text(args[0]);
    const cid = text(args[1]);
    const invoked = invokedChaincodeName(call.signedProposal.getProposalBytes_asU8());
    if (invoked !== NAME) {
      return error(`Rejecting invoke of QSCC from another chaincode because of potential for deadlocks, original invocation for '${invoked}'`);
    }
    if (fname !== 'GetChainInfo' && args.length < 3) return error(`missing 3rd argument for ${fname}`);
    const ledger = this.ledgerFor(cid);
    if (!ledger) return error(`Invalid chain ID, ${cid}`);
    const denied = checkAcl(this.acl, `${NAME}/${fname}`, cid, call.peerMspId, {
      creator: call.creator.serialized,
      data: call.signedProposal.getProposalBytes_asU8(),
      signature: call.signedProposal.getSignature_asU8(),
    });
    if (denied !== undefined) return error(`access denied for [${fname}][${cid}]: [${denied}]`);

    switch (fname) {
      case 'GetTransactionByID':
        return getTransactionByID(ledger, text(args[2]));
      case 'GetBlockByNumber':
        return getBlockByNumber(ledger, text(args[2]));
      case 'GetBlockByHash':
        return getBlockByHash(ledger, args[2]);
      case 'GetChainInfo':
        return getChainInfo(ledger);
      case 'GetBlockByTxID':
        return getBlockByTxID(ledger, text(args[2]));
      default:
        return error(`Requested function ${fname} not found.`);
    }
  }
}

async function getTransactionByID(ledger: ChannelLedger, txId: string): Promise<peer.Response> {
  try {
    const { block, txNum, validationCode } = await transactionLocation(ledger, txId);
    const processed = new peer.ProcessedTransaction();
    processed.setTransactionenvelope(common.Envelope.deserializeBinary(block.getData()!.getDataList_asU8()[txNum]));
    processed.setValidationcode(validationCode);
    return success(processed.serializeBinary());
  } catch (err) {
    return error(`Failed to get transaction with id ${txId}, error ${(err as Error).message}`);
  }
}

async function getBlockByNumber(ledger: ChannelLedger, number: string): Promise<peer.Response> {
  // Go's strconv.ParseUint: decimal digits only, within 64 bits.
  if (!/^\d+$/.test(number) || BigInt(number) > 0xffffffffffffffffn) {
    return error(`Failed to parse block number with error strconv.ParseUint: parsing ${JSON.stringify(number)}: invalid syntax`);
  }
  // math.MaxUint64 asks for the newest block.
  const wanted = BigInt(number) === 0xffffffffffffffffn ? BigInt(ledger.height() - 1) : BigInt(number);
  const block = wanted < BigInt(ledger.height()) ? await ledger.getBlock(Number(wanted)) : undefined;
  if (!block) return error(`Failed to get block number ${number}, error no such block number [${number}] in index`);
  return success(block.serializeBinary());
}

async function getBlockByHash(ledger: ChannelLedger, hash: Uint8Array): Promise<peer.Response> {
  const wanted = Buffer.from(hash);
  // The devnet keeps no hash index: the newest blocks are the ones asked for most, so search backwards.
  for (let number = ledger.height() - 1; number >= 0; number--) {
    const block = await ledger.getBlock(number);
    if (block && wanted.equals(blockHeaderHash(block.getHeader()!))) return success(block.serializeBinary());
  }
  return error(`Failed to get block hash ${wanted.toString('utf8')}, error no such block hash [${wanted.toString('hex')}] in index`);
}

async function getChainInfo(ledger: ChannelLedger): Promise<peer.Response> {
  const height = ledger.height();
  const newest = await ledger.getBlock(height - 1);
  const info = new common.BlockchainInfo();
  info.setHeight(height);
  if (newest) {
    info.setCurrentblockhash(blockHeaderHash(newest.getHeader()!));
    info.setPreviousblockhash(newest.getHeader()!.getPreviousHash_asU8());
  }
  return success(info.serializeBinary());
}

async function getBlockByTxID(ledger: ChannelLedger, txId: string): Promise<peer.Response> {
  try {
    const { block } = await transactionLocation(ledger, txId);
    return success(block.serializeBinary());
  } catch (err) {
    return error(`Failed to get block for txID ${txId}, error ${(err as Error).message}`);
  }
}

async function transactionLocation(ledger: ChannelLedger, txId: string) {
  const status = ledger.getTxStatus(txId);
  const block = status ? await ledger.getBlock(status.blockNum) : undefined;
  if (!status || !block) throw new NotInIndex(`no such transaction ID [${txId}] in index`);
  return { block, txNum: status.txNum, validationCode: status.validationCode };
}

function text(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes).toString('utf8') : '';
}
