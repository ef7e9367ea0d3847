/** The `linebreak` package (Unicode line breaking, UAX #14; pdfkit's own dependency) ships no types. */
declare module 'linebreak' {
  interface Break {
    /** The index in the string (UTF-16 units) where a line may break. */
    position: number;
    /** A mandatory break (a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
