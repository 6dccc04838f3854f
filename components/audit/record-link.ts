// Where an admin opens the record an audit event is about; a record type
// without a page of its own (a citation, a plan revision) gets no link.
const recordPages: Record<string, (id: string) => string> = {
  Milestone: (id) => `/milestones/${id}`,
  Commitment: (id) => `/commitments/${id}`,
  Pillar: (id) => `/admin/pillars/${id}/edit`,
  Evidence: (id) => `/evidence/${id}`,
  Assessment: (id) => `/assessments/${id}`,
  AssessmentRound: (id) => `/rounds/${id}`,
  User: (id) => `/admin/users/${id}`,
};

export function recordPage(type: string, id: string): string | null {
  return Object.hasOwn(recordPages, type) ? recordPages[type]!(id) : null;
}
