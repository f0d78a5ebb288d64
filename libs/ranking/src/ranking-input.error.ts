/** Raised when ranking input is malformed; `message` and `details` are user-facing Chinese text. */
export class RankingInputError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RankingInputError';
  }
}
