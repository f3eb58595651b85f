/**
 * An answer already serialised as JSON (by Postgres, for the lists read most), which apiRoute
 * sends as it is. Services return it instead of an object; it imports nothing, so services
 * stay free of the HTTP layer.
 */
export class JsonText {
  constructor(readonly text: string) {}
}
