import { CAPTURE_LIMITS, MAX_AUDIT_PURPOSE, MAX_PAGE_SIZE } from '@crossborder-trace/domain';
import { z } from 'zod';
import { ALERT_RULES } from '../services/alert-rules';
import { QUERY_PARAMETERS } from './epcis-query';
import { MAX_PREFER_WAIT_SECONDS } from './prefer';
import { REQUEST_SCHEMAS } from './schemas';

type Operation = Record<string, unknown>;

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const body = (schema: keyof typeof REQUEST_SCHEMAS) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'A retry with the same key answers the first result; another body with it is 422', schema: { type: 'string', maxLength: 257 } };
const preferWait = { name: 'Prefer', in: 'header', required: false, description: `wait=N (RFC 7240): hold the answer until the job has ended or N seconds have passed (at most ${MAX_PREFER_WAIT_SECONDS}); Preference-Applied says the wait granted`, schema: { type: 'string', examples: ['wait=30'] } };
const jobAnswer = (description: string) => ({ ...ok(description), headers: { 'Preference-Applied': { description: 'wait=N when the request preferred to wait', schema: { type: 'string' } } } });
const refusals = { '400': problem('Invalid input'), '401': problem('No valid API key'), '403': problem("The chaincode's refusal: the caller's role or org may not"), '503': problem('The network is unavailable; see Retry-After') };
const write = (summary: string, schema: keyof typeof REQUEST_SCHEMAS, success: string): Operation => ({
  summary,
  parameters: [idempotencyKey],
  requestBody: body(schema),
  responses: { [success]: ok('Committed'), '202': ok('Not yet committed: follow Location (/jobs/{id})'), ...refusals, '409': problem('Invalidated at commit'), '422': problem('Idempotency-Key reused') },
});

/**
 * The OpenAPI 3.1 document: request schemas are the validating zod schemas themselves, as JSON Schema 2020-12
 * (OpenAPI 3.1's own dialect), so the document cannot drift from what the gateway accepts.
 */
export function openApiDocument(org: string, version: string): Record<string, unknown> {
  const schemas = Object.fromEntries(Object.entries(REQUEST_SCHEMAS).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]));
  const queryParameters = [
    ...Object.keys(QUERY_PARAMETERS).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description: name.endsWith('eventTime') ? 'xsd:dateTime with offset' : 'one value or a pipe-separated list; CBV values as bare words' })),
    { name: 'perPage', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 30 } },
    { name: 'nextPageToken', in: 'query', required: false, schema: { type: 'string' }, description: 'From the Link rel="next" of the previous page' },
  ];
  const paths: Record<string, Record<string, Operation>> = {
    '/capture': {
      post: {
        summary: 'Capture an EPCISDocument (asynchronous)',
        parameters: [idempotencyKey, { name: 'GS1-Capture-Error-Behaviour', in: 'header', schema: { type: 'string', enum: ['rollback', 'proceed'], default: 'rollback' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: `An EPCIS 2.0 EPCISDocument: at most ${CAPTURE_LIMITS.maxEvents} events, ${CAPTURE_LIMITS.maxDocumentBytes} bytes` } } } },
        responses: { '202': ok('The capture job; Location: /capture/{captureID}'), ...refusals, '413': problem('Beyond a capture limit'), '422': problem('Idempotency-Key reused') },
      },
      options: { summary: 'Capture limits (GS1-EPCIS-Capture-Limit, GS1-EPCIS-Capture-File-Size-Limit)', responses: { '204': { description: 'Limits in headers' } } },
      get: {
        summary: "The caller's own capture jobs (POST /capture's and POST /events'), newest first, paged; no totals",
        parameters: [
          { name: 'perPage', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 30 } },
          { name: 'nextPageToken', in: 'query', required: false, schema: { type: 'string' }, description: 'From the Link rel="next" of the previous page; it does not expire' },
        ],
        responses: {
          '200': {
            description: 'An array of EPCISCaptureJob, as GET /capture/{captureID} answers each; Link: <...>; rel="next" while more follow',
            headers: { Link: { description: '</capture?...&nextPageToken=...>; rel="next"', schema: { type: 'string' } } },
            content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } },
          },
          '400': problem('perPage or nextPageToken not valid, or another parameter (epcisException:QueryParameterException)'),
          '401': problem('No valid API key'),
        },
      },
    },
    '/capture/{captureID}': { get: { summary: 'A capture job of the caller', parameters: [pathParam('captureID', 'From Location'), preferWait], responses: { '200': jobAnswer('EPCISCaptureJob'), '404': problem('No such job') } } },
    '/events': {
      get: { summary: 'SimpleEventQuery, paged', parameters: queryParameters, responses: { '200': ok('EPCISQueryDocument; Link rel="next" while more follow'), ...refusals } },
      post: {
        summary: 'Capture one event, waiting for its commit',
        parameters: [idempotencyKey],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'One EPCIS 2.0 event with its @context' } } } },
        responses: { '201': ok('Location: /events/{eventID}'), '202': ok('Not yet committed'), ...refusals, '409': problem('Already recorded') } },
    },
    '/events/{eventID}': { get: { summary: 'An event by its alliance id or CBV 2.0 Event Hash ID', parameters: [pathParam('eventID', 'urn:crossborder-trace:event:… or ni:///sha-256;…')], responses: { '200': ok('The event'), ...refusals, '404': problem('No such event') } } },
    '/events/{eventID}/detail': {
      get: {
        summary: "An event's private detail, for members of its data level; the regulator's gateway records the read on the ledger (audit trail) before it answers",
        parameters: [pathParam('eventID', 'Alliance id or hash ID'), { name: 'purpose', in: 'query', required: false, schema: { type: 'string', maxLength: MAX_AUDIT_PURPOSE }, description: 'Why the regulator reads it, kept with the record of the read' }],
        responses: { '200': ok('The whole event with its hash ID'), ...refusals, '503': problem('The record of the read has not committed yet; see Retry-After') },
      },
    },
    '/items/{id}/trace': { get: { summary: "An item's events through packing and making, and its state", parameters: [pathParam('id', 'EPC URN or Digital Link, percent-encoded')], responses: { '200': ok('The trace'), ...refusals, '404': problem('No event names it') } } },
    '/items/{id}/history': { get: { summary: "Each change of an item's state", parameters: [pathParam('id', 'EPC URN or Digital Link, percent-encoded')], responses: { '200': ok('The history'), ...refusals, '404': problem('Never recorded') } } },
    '/charter': { get: { summary: 'The alliance charter', responses: { '200': ok('The charter'), ...refusals } } },
    '/enterprises': { get: { summary: 'Registered enterprises', responses: { '200': ok('Enterprises'), ...refusals } }, post: write("Register the caller's own enterprise (its org's admin)", 'EnterpriseRegistration', '201') },
    '/enterprises/{mspId}': { get: { summary: 'One enterprise', parameters: [pathParam('mspId', 'MSP id')], responses: { '200': ok('The enterprise'), ...refusals, '404': problem('Not registered') } } },
    '/enterprises/{mspId}/status': { put: { ...write('Suspend or reinstate, with the reason (the regulator)', 'EnterpriseStatus', '200'), parameters: [pathParam('mspId', 'MSP id'), idempotencyKey] } },
    '/enterprises/{mspId}/history': { get: { summary: "Every version of the enterprise's record, with the transaction that wrote it: status changes and their reasons", parameters: [pathParam('mspId', 'MSP id')], responses: { '200': ok('{ mspId, history: [{ txId, timestamp, value }] }'), ...refusals, '404': problem('Never registered') } } },
    '/products': { post: write('Register a product (its brand owner)', 'Product', '201') },
    '/products/{gtin}': { get: { summary: 'A product by GTIN', parameters: [pathParam('gtin', 'GTIN-8/12/13/14')], responses: { '200': ok('The product'), ...refusals, '404': problem('Not registered') } } },
    '/recalls': {
      get: { summary: 'Every recall, without its items', responses: { '200': ok('{ recalls: [...], truncated }'), ...refusals } },
      post: write("Recall a product, a lot or serials (the regulator, or the GTIN's brand owner): its scope computed forward through making and packing", 'RecallRequest', '201'),
    },
    '/recalls/preview': { post: { summary: 'What a recall would cover now, recorded nowhere', requestBody: body('RecallRequest'), responses: { '200': ok('The recall as POST /recalls would record it'), ...refusals } } },
    '/recalls/{id}': { get: { summary: 'A recall: its items, carriers, and every sale of a recalled item with its platform', parameters: [pathParam('id', 'The transaction id that issued it')], responses: { '200': ok('The recall with sales and platforms'), ...refusals, '404': problem('No such recall') } } },
    '/audit': {
      get: {
        summary: "The audit trail: actions and the regulator's reads of detail; the regulator's all, a firm's those concerning it",
        parameters: [
          { name: 'concerning', in: 'query', required: false, schema: { type: 'string' }, description: "An enterprise's MSP id (a firm may name only its own)" },
          { name: 'from', in: 'query', required: false, schema: { type: 'string' }, description: 'xsd:dateTime, inclusive' },
          { name: 'to', in: 'query', required: false, schema: { type: 'string' }, description: 'xsd:dateTime, exclusive' },
          { name: 'perPage', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 30 } },
          { name: 'nextPageToken', in: 'query', required: false, schema: { type: 'string' }, description: 'From the Link rel="next" of the previous page' },
        ],
        responses: { '200': ok('{ entries: [{ txId, time, action, actor, actorRole, subject, concerns, detail }], bookmark }'), ...refusals },
      },
    },
    '/exports/trace.csv': {
      get: {
        summary: "A product's, lot's or serials' full trace as RFC 4180 CSV: a header row, one row per event per item",
        parameters: [
          { name: 'gtin', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'lot', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'serial', in: 'query', required: false, schema: { type: 'string' }, description: 'Serials, comma-separated' },
        ],
        responses: { '200': { description: 'text/csv; header=present. X-Trace-Export-Items, X-Trace-Export-Rows, X-Trace-Export-Truncated', content: { 'text/csv': { schema: { type: 'string' } } } }, ...refusals },
      },
    },
    '/sales': {
      post: {
        ...write("Record a sale (the platform): an EPCIS ObjectEvent (retail_selling, retail_sold) carrying the buyer's pseudonymous reference, HMAC-SHA256 of the consumer's account id under the platform's key; the account id never reaches the ledger", 'Sale', '201'),
        responses: { '201': ok('{ eventID, item, jobId }; Location: /events/{eventID}'), '202': ok('Not yet committed: follow Location (/jobs/{id})'), ...refusals, '409': problem('Already recorded, or invalidated at commit'), '422': problem('Idempotency-Key reused') },
      },
    },
    '/purchases': {
      get: {
        summary: "The items sold to a consumer (matched by its buyer reference), from this gateway's own store of committed sales, with the public record's version once published",
        parameters: [{ name: 'consumer', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 256 }, description: "The platform's account id of the consumer" }],
        responses: { '200': ok('{ purchases: [{ item, eventId, soldAt, publishedVersion }] }'), '400': problem('consumer missing'), '401': problem('No valid API key') },
      },
    },
    '/complaints': {
      get: { summary: "An item's complaints, from the public channel", parameters: [{ name: 'item', in: 'query', required: true, schema: { type: 'string' }, description: 'Any identifier form' }], responses: { '200': ok('{ complaints: [...], truncated }'), ...refusals } },
      post: {
        ...write("File a complaint for the platform's logged-in consumer about a step of a sold item's public record: the buyer reference, computed here, proves the purchase and goes to the peers as transient data only", 'ComplaintFiling', '201'),
        responses: { '201': ok('The complaint; Location: /complaints/{id}'), '202': ok('Not yet committed'), ...refusals, '403': problem('PURCHASE_NOT_PROVEN (not this consumer\'s purchase) or COMPLAINT_NOT_AUTHORISED (not the seller)'), '404': problem('No public record of the item'), '409': problem('Invalidated at commit'), '422': problem('Idempotency-Key reused') },
      },
    },
    '/complaints/{id}': { get: { summary: 'A complaint', parameters: [pathParam('id', 'The transaction id that filed it')], responses: { '200': ok('The complaint'), ...refusals, '404': problem('No such complaint') } } },
    '/complaints/{id}/answer': {
      post: { ...write('Answer a complaint: the enterprise responsible for the step, while it is open', 'ComplaintAnswer', '200'), parameters: [pathParam('id', 'The complaint id'), idempotencyKey] },
    },
    '/credit/report': {
      get: {
        summary: "The caller's own enterprise's credit report: a data report derived from ledger facts, not a licensed credit rating. Each figure with its evidence (event, transaction, complaint, declaration ids)",
        parameters: [{ name: 'at', in: 'query', required: false, schema: { type: 'string' }, description: 'alliance:<block>,public:<block> (either optional): the last block of each channel read; the same heights give the same report' }],
        responses: { '200': ok('{ label, enterprise, heights, asOf, method, score: { points, components, sanctions, excluded }, disputes }'), ...refusals, '409': problem('HEIGHT_NOT_REACHED: the gateway has not applied that block yet') },
      },
    },
    '/credit/reports/{mspId}': {
      get: {
        summary: "An enterprise's credit report: the regulator; on the regulator's gateway a financier's user (role=financier, financier=<id>) while the enterprise's authorisation is in force",
        parameters: [pathParam('mspId', 'The enterprise'), { name: 'at', in: 'query', required: false, schema: { type: 'string' }, description: 'alliance:<block>,public:<block>' }],
        responses: { '200': ok('The report'), ...refusals, '403': problem('FINANCIER_NOT_AUTHORISED (authorisation: none, revoked or expired) or CREDIT_REPORT_DENIED'), '409': problem('HEIGHT_NOT_REACHED') },
      },
    },
    '/credit/financiers': { post: write('Register a financier (the regulator): id, name, licence number', 'Financier', '201') },
    '/credit/authorisations': { post: write("Authorise a financier to read the caller's enterprise's report until a time", 'CreditAuthorisation', '201') },
    '/credit/authorisations/{financierId}': {
      delete: { summary: 'Revoke the authorisation', parameters: [pathParam('financierId', 'The financier'), idempotencyKey], responses: { '200': ok('The authorisation, revoked'), '202': ok('Not yet committed'), ...refusals, '404': problem('No authorisation in force') } },
    },
    '/credit/disputes': { post: write("Dispute an item of the caller's enterprise's report: kind, evidenceId, reason", 'CreditDispute', '201') },
    '/credit/disputes/{id}/ruling': {
      post: { ...write('Rule on a dispute (the regulator): upheld leaves the item out of later reports, rejected keeps it', 'CreditDisputeRuling', '200'), parameters: [pathParam('id', 'The dispute id'), idempotencyKey] },
    },
    '/complaints/{id}/ruling': {
      post: { ...write('Rule on a complaint (the regulator): upheld or dismissed, with the reason', 'ComplaintRuling', '200'), parameters: [pathParam('id', 'The complaint id'), idempotencyKey] },
    },
    '/customs/orders': { post: write("Record an order (the platform): the full order in its own collection, the customs view (no consignee particulars) for customs and the regulator; 409 DUPLICATE_DOCUMENT", 'CustomsOrder', '201') },
    '/customs/payments': { post: write('Record a payment record (the platform); 409 DUPLICATE_DOCUMENT', 'CustomsPayment', '201') },
    '/customs/waybills': { post: write("Record a waybill (the carrier): its number, parcel (SSCC) and promised delivery on channel state, the consignee's particulars in its own collection; 409 DUPLICATE_DOCUMENT", 'CustomsWaybill', '201') },
    '/customs/declarations': { post: write('Record a declaration list (the platform as the e-commerce enterprise); 409 DUPLICATE_DOCUMENT', 'CustomsDeclaration', '201') },
    '/customs/declarations/{id}': {
      get: {
        summary: 'A declaration and its verdict (every member); the customs views of its documents (customs, the regulator); the full documents (their recorders, the regulator)',
        parameters: [pathParam('id', 'The declaration id')],
        responses: { '200': ok('{ declarationId, mode, waybillNumber, declaredBy, declaredAt, verdict, views?, documents? }'), ...refusals, '404': problem('No such declaration') },
      },
    },
    '/customs/declarations/{id}/check': {
      post: {
        summary: 'Check the declaration against the order, payment and waybill (customs): the verdict, matched or the mismatch kinds with the fields, on channel state',
        parameters: [pathParam('id', 'The declaration id'), idempotencyKey],
        responses: { '200': ok('The verdict'), '202': ok('Not yet committed'), ...refusals, '404': problem('No such declaration'), '409': problem('ALREADY_CLEARED, or invalidated at commit'), '422': problem('Idempotency-Key reused') },
      },
    },
    '/customs/declarations/{id}/clear': {
      post: {
        summary: "Clear a matched declaration (customs): adds its value to the consignee's yearly total; its parcel may then be accepted",
        parameters: [pathParam('id', 'The declaration id'), idempotencyKey],
        responses: { '200': ok('The verdict, cleared'), '202': ok('Not yet committed'), ...refusals, '404': problem('No such declaration'), '409': problem('ALREADY_CLEARED, or invalidated at commit'), '422': problem('DOCUMENTS_MISMATCH (the mismatch kinds and fields), or Idempotency-Key reused') },
      },
    },
    '/screening': {
      get: {
        summary: "The screening module's queue: the org's sold items whose public record is pending, failed (with the last error) or done",
        parameters: [{ name: 'state', in: 'query', required: false, schema: { type: 'string' }, description: 'pending, failed, done; comma-separated; pending,failed by default' }],
        responses: { '200': ok('{ nextBlock, counts, items: [{ item, state, reason, attempts, nextAttemptAt?, lastError?, version?, queuedAt, updatedAt }] }'), '400': problem('state not valid'), '401': problem('No valid API key') },
      },
    },
    '/screening/{item}': { get: { summary: 'One item of the screening queue', parameters: [pathParam('item', 'Any identifier form, percent-encoded')], responses: { '200': ok('The item'), '401': problem('No valid API key'), '404': problem('Not sold by this org') } } },
    '/screening/{item}/retry': {
      post: { summary: 'Queue a failed item again, its attempts counted anew', parameters: [pathParam('item', 'Any identifier form, percent-encoded')], responses: { '202': ok('The item, pending'), '401': problem('No valid API key'), '404': problem('Not sold by this org'), '409': problem('Not failed') } },
    },
    '/me': { get: { summary: "The key's user: its org, MSP id and name", responses: { '200': ok('{org, mspId, user}'), '401': problem('No valid API key') } } },
    '/figures': {
      get: {
        summary: "Quality figures from the read model: each enterprise's inspection and customs pass rates on its products, alerts per day (the regulator: all; a firm: its own)",
        parameters: [{ name: 'days', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 366, default: 30 } }],
        responses: { '200': ok('{since, enterprises, alertsByDay}'), '400': problem('days is not valid'), '401': problem('No valid API key') },
      },
    },
    '/desk': { get: { summary: "The desk: the regulator's dashboard, or a firm's (an HTML page that asks for a key)", security: [], responses: { '200': { description: 'text/html' } } } },
    '/jobs/{id}': { get: { summary: 'A write of the caller, by job id', parameters: [pathParam('id', 'From Location'), preferWait], responses: { '200': jobAnswer('The job'), '404': problem('No such job') } } },
    '/alerts': {
      get: {
        summary: "Alerts the read model raised, oldest first: the regulator's gateway all, a firm's those on its own products and steps",
        parameters: [
          { name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'Only alerts after this seq (Link rel="next" pages on)' },
          { name: 'rule', in: 'query', required: false, schema: { type: 'string', enum: ALERT_RULES.map((r) => r.rule) } },
          { name: 'acknowledged', in: 'query', required: false, schema: { type: 'boolean' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: { '200': ok('{ alerts: [{ seq, id, rule, responsible, parties, summary, evidence: { eventIds, txIds, epcs }, block, raisedAt, acknowledgement? }] }'), ...refusals },
      },
    },
    '/alerts/stream': {
      get: {
        summary: 'Server-Sent Events: every visible alert after Last-Event-ID, then each one as its block commits',
        parameters: [
          { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'integer', minimum: 0 }, description: 'The seq of the last alert received: the stream resumes after it' },
          { name: 'lastEventId', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'The same, for clients that cannot set headers' },
        ],
        responses: { '200': { description: 'text/event-stream: events of type alert, id the seq, data the alert as GET /alerts/{id} answers it' }, ...refusals },
      },
    },
    '/alerts/{id}': { get: { summary: 'One alert', parameters: [pathParam('id', 'The alert id')], responses: { '200': ok('The alert'), ...refusals, '404': problem('No such alert for this org') } } },
    '/alerts/{id}/ack': {
      post: { summary: 'Acknowledge an alert with a note', parameters: [pathParam('id', 'The alert id')], requestBody: body('AlertAcknowledgement'), responses: { '200': ok('The alert with its acknowledgement'), ...refusals, '404': problem('No such alert for this org') } },
    },
    '/public/items/{id}': {
      get: {
        summary: "A sold item's public record, without a key: the screened record with its version, publishedAt, publishedBy and txId, and its complaints (step, category, status, answer, ruling; never the buyer's description)",
        security: [],
        parameters: [pathParam('id', 'EPC URN or Digital Link, percent-encoded')],
        responses: { '200': ok('{ item, complaints, record, version, publishedAt, publishedBy, txId }'), '400': problem('Not a valid identifier'), '404': problem('No public record of the item'), '429': problem('Too many requests from the address') },
      },
    },
    '/public/items/{id}/steps/{index}/proof': {
      get: {
        summary: "One step's RFC 9162 inclusion proof under the record's Merkle root: the leaf is the UTF-8 of the step's canonical JSON",
        security: [],
        parameters: [pathParam('id', 'EPC URN or Digital Link, percent-encoded'), { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 0 }, description: 'The step, numbered from 0' }],
        responses: { '200': ok('{ leaf, proof: { leafIndex, treeSize, path }, merkleRoot }'), '400': problem('Not a valid identifier or index'), '404': problem('No public record, or no such step'), '429': problem('Too many requests from the address') },
      },
    },
    '/01/{gtin}/21/{serial}': {
      get: {
        summary: 'GS1 Digital Link resolver (also /01/{gtin}/10/{lot}/21/{serial}, with /22/{cpv} and /235/{tpx}): 307 to the consumer page (gs1:pip) by default; ?linkType=linkset or Accept: application/linkset+json gives the RFC 9264 linkset; ?linkType=gs1:traceability and the others redirect to that link',
        security: [],
        parameters: [
          pathParam('gtin', 'GTIN-8/12/13/14'),
          pathParam('serial', 'The serial, percent-encoded'),
          { name: 'linkType', in: 'query', required: false, schema: { type: 'string' }, description: 'linkset, all, or gs1:pip, gs1:traceability, gs1:recallStatus, gs1:verificationService, gs1:certificationInfo (or their https://gs1.org/voc/ URIs)' },
        ],
        responses: {
          '200': { description: 'The linkset', content: { 'application/linkset+json': { schema: { type: 'object' } } } },
          '307': { description: 'Location: the link of the requested type (the consumer page by default)' },
          '400': problem('A malformed Digital Link (a bad check digit, a qualifier out of place)'),
          '404': problem('No public record of the item'),
        },
      },
    },
    '/.well-known/gs1resolver': { get: { summary: 'The GS1-Conformant resolver description: name, resolverRoot, supportedPrimaryKeys, supportedLinkType', security: [], responses: { '200': ok('The description') } } },
    '/consumer': { get: { summary: 'The consumer page: the item, its journey, warnings, complaints, and each step verified in the browser (?item=<Digital Link>)', security: [], responses: { '200': { description: 'text/html' } } } },
    '/health/live': { get: { summary: 'The process runs', security: [], responses: { '200': ok('live') } } },
    '/health/ready': { get: { summary: "The org's peer answers", security: [], responses: { '200': ok('ready'), '503': problem('not ready') } } },
    '/metrics': { get: { summary: 'Prometheus metrics', security: [], responses: { '200': { description: 'text/plain exposition format' } } } },
  };
  return {
    openapi: '3.1.0',
    info: { title: `crossborder-trace gateway of ${org}`, version, description: "An org's REST service over the alliance ledger: the GS1 EPCIS 2.0 binding, items, enterprises, products." },
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key issued by the org: npm run gateway -- key add --org <Org> --user <User>' } },
      schemas: {
        ...schemas,
        Problem: {
          type: 'object',
          description: 'RFC 9457',
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, code: { type: 'string' } },
          required: ['type', 'title', 'status', 'code'],
        },
      },
    },
  };
}
