export * from './merkle';
export { HIDDEN_STEPS, SCREENED_STEPS, screeningOf, type StepScreening } from './screening-table';
export { journeySteps, type JourneyAnswer, type JourneyRelation, type JourneyStep } from './journey';
export {
  screenRecord,
  stepLeaf,
  stepProof,
  type ColdChainVerdict,
  type PublicRecall,
  type RecordFlag,
  type ResponsibleEnterprise,
  type ScreenedRecord,
  type ScreenedStep,
  type ScreeningSources,
} from './screened-record';
export { gatherScreeningSources, type AllianceReader } from './screening-sources';
export { assertPublishable, PUBLIC_EVENTS, PUBLIC_KEYS, type PublishedRecord } from './published-record';
export {
  assertMayActOnComplaint,
  BUYER_REFERENCE,
  buyerReferenceOf,
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_LIMITS,
  complaintAnswerSchema,
  complaintFilingSchema,
  complaintRulingSchema,
  openComplaint,
  parseComplaintAnswer,
  parseComplaintFiling,
  parseComplaintRuling,
  type Complaint,
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintFiling,
  type ComplaintStatus,
} from './complaint';
