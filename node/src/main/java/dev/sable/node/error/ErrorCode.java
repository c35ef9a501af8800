package dev.sable.node.error;

/**
 * The stable error codes of the node's API: every error response is {@code {"code": ..., "message":
 * ...}} with one of these codes and its HTTP status. Codes are part of the API contract (clients
 * switch on them); messages are for people and never contain a request's private fields.
 */
public enum ErrorCode {
  INVALID_REQUEST(400, "the request does not match the API's schema"),
  MALFORMED_JSON(400, "the body is not JSON"),
  MALFORMED_FRAME(400, "the binary frame is not a sealed request frame"),
  BODY_TOO_LARGE(413, "the body is larger than the node accepts"),
  DECRYPTION_FAILED(400, "the sealed message does not open under the node's key for this chain"),
  MALFORMED_PAYLOAD(400, "the opened message is not a well-formed signed request"),
  WRONG_REQUEST_KIND(400, "the signed request is not of the kind this endpoint takes"),
  UNKNOWN_ACCOUNT(404, "no account has this index"),
  UNKNOWN_MARKET(404, "no market has this id"),
  BAD_TICK(400, "the price is not a multiple of the market's tick size"),
  BAD_LOT(400, "the quantity is not a multiple of the market's lot size"),
  PRICE_ABOVE_MAX(400, "the price is above the market's maximum"),
  QUANTITY_ABOVE_MAX(400, "the quantity is above the market's maximum position"),
  EXPIRED(400, "the order's expiry has passed"),
  BAD_SIGNATURE(401, "the signature does not verify under the account's key"),
  REPLAYED(
      409,
      "a request with this client order id (or a later one of its fill slot), or a withdrawal"
          + " with this nonce (or a later one), was already accepted"),
  NOTHING_TO_AMEND(409, "the amend's fill slot holds no earlier order of this account"),
  WRONG_NONCE(409, "the withdrawal's nonce is not the account's next one"),
  WITHDRAWAL_IN_FLIGHT(409, "a withdrawal of this account is still being applied; send it after"),
  UNAUTHENTICATED(401, "this read needs a session token of the account"),
  FORBIDDEN(403, "the session belongs to another account"),
  NOT_FOUND(404, "no such resource"),
  NO_SWITCH_SLOTS(
      501,
      "this node's settlement circuit has no margin-mode switch slots: its batches cannot prove a"
          + " switch"),
  RATE_LIMITED(429, "too many requests on this connection"),
  OVERLOADED(503, "the node is at capacity; retry shortly"),
  NOT_READY(503, "the node is starting or stopping"),
  TIMEOUT(503, "the request took too long"),
  INTERNAL(500, "the node failed to handle the request");

  private final int status;
  private final String description;

  ErrorCode(int status, String description) {
    this.status = status;
    this.description = description;
  }

  public int status() {
    return status;
  }

  public String description() {
    return description;
  }
}
