// The error the dataset stage raises for anything wrong with the files themselves.

/** A problem with the dataset's files: missing folder, unreadable file, syntax error. */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'DatasetError';
  }

  /** `file:line:column: message`, the form editors and terminals make clickable. */
  override toString(): string {
    const where = [this.file, this.line, this.column].filter((part) => part !== undefined);
    return where.length > 0 ? `${where.join(':')}: ${this.message}` : this.message;
  }
}
