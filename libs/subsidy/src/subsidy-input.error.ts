/** Raised when subsidy input is malformed or a round would pay a facility twice; the message is user-facing Chinese. */
export class SubsidyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubsidyInputError';
  }
}
