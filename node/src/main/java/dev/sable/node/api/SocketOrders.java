package dev.sable.node.api;

import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SubmitAnswer;
import dev.sable.crypto.sealed.SubmitFrame;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.intake.Intake;
import dev.sable.node.intake.RequestKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Sealed requests over the WebSocket: {@code {"op":"submit","id":n,"kind":"order"|"amend"|
 * "cancel"|"withdrawal","request":{"enc","seq","ciphertext"}}}, the request exactly the body of the
 * matching POST route. It goes through the same intake (same checks, same replay guard, the same
 * journal) and is answered, once durable, with {@code {"op":"ack","id":n,"sequence":s}}, or with
 * {@code {"op":"error","id":n,"code","message"}}: the same codes as over HTTP. One frame's error
 * leaves the socket open. Many requests may be in flight on one socket, so one upgraded connection
 * replaces a request and a response per order; their answers come as each settles, named by id.
 * Binary frames ({@link SubmitFrame}) carry the same requests without JSON or hex and get binary
 * answers ({@link SubmitAnswer}).
 */
final class SocketOrders {
  /** A binary frame's kind (1 order, 2 cancel, 3 amend, 4 withdrawal) to the intake's. */
  private static final RequestKind[] FRAME_KINDS = {
    null, RequestKind.ORDER, RequestKind.CANCEL, RequestKind.AMEND, RequestKind.WITHDRAWAL
  };

  private final Intake intake;
  private final Timer ackTime;
  private final Timer handoffTime;

  SocketOrders(Intake intake, MeterRegistry metrics) {
    this.intake = intake;
    this.ackTime = SealedRoutes.ackTimer(metrics);
    this.handoffTime = SealedRoutes.handoffTimer(metrics);
  }

  /**
   * Submits one {@code submit} message; {@code answer} gets the ack or the error, run by {@code
   * answers} (the socket's event loop). Throws a {@link NodeError} for a message that names no
   * request (answered at once by the caller).
   */
  void submit(JsonObject m, Executor answers, Consumer<Map<String, Object>> answer) {
    long start = System.nanoTime();
    long id = id(m);
    RequestKind kind = kind(m.getValue("kind"));
    Object request = m.getValue("request");
    if (!SealedShape.REQUEST.test(request)) {
      throw new NodeError(
          ErrorCode.INVALID_REQUEST,
          "request must be {enc: 64 hex digits, seq: an integer >= 0, ciphertext: 32 to 1024"
              + " lowercase hex digits}");
    }
    submit(
        kind,
        SealedRoutes.parse((JsonObject) request),
        start,
        answers,
        (sequence, error) ->
            answer.accept(
                error == null
                    ? Map.of("op", "ack", "id", id, "sequence", sequence)
                    : error(id, error)));
  }

  /**
   * Submits one binary frame (docs/node.md, "Binary frames"): the same intake, answered with a
   * binary ack or error, run by {@code answers}.
   */
  void submit(SubmitFrame frame, Executor answers, Consumer<SubmitAnswer> answer) {
    long start = System.nanoTime();
    long id = frame.id();
    submit(
        FRAME_KINDS[frame.kind()],
        frame.message(),
        start,
        answers,
        (sequence, error) ->
            answer.accept(
                error == null
                    ? new SubmitAnswer.Ack(id, sequence)
                    : new SubmitAnswer.Refused(id, error.code().name(), error.getMessage())));
  }

  /**
   * The answer to a binary frame that is not a sealed request frame: an unknown kind is {@code
   * INVALID_REQUEST} (as a JSON frame's), any other flaw {@code MALFORMED_FRAME}; with the request
   * id when the frame had one.
   */
  static SubmitAnswer refusal(SubmitFrame.FrameException e) {
    ErrorCode code = e.unknownKind() ? ErrorCode.INVALID_REQUEST : ErrorCode.MALFORMED_FRAME;
    return e.id() == null
        ? new SubmitAnswer.FrameRefused(code.name(), e.getMessage())
        : new SubmitAnswer.Refused(e.id(), code.name(), e.getMessage());
  }

  private void submit(
      RequestKind kind,
      SealedMessage message,
      long start,
      Executor answers,
      BiConsumer<Long, NodeError> answer) {
    intake
        .submit(kind, message)
        .whenCompleteAsync(
            (sequence, failure) -> {
              if (failure == null) {
                ackTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                answer.accept(sequence, null);
              } else {
                answer.accept(null, ErrorResponses.classify(failure, 500));
              }
            },
            timed(answers));
  }

  /** The executor, recording how long each task waits in it (the hand-off to the event loop). */
  private Executor timed(Executor answers) {
    return task -> {
      long queued = System.nanoTime();
      answers.execute(
          () -> {
            handoffTime.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
            task.run();
          });
    };
  }

  /** The client's id of a submit message, echoed in its answer. */
  static long id(JsonObject m) {
    if (m.getValue("id") instanceof Number n
        && (n instanceof Integer || n instanceof Long)
        && n.longValue() >= 0) {
      return n.longValue();
    }
    throw new NodeError(ErrorCode.INVALID_REQUEST, "id must be an integer >= 0");
  }

  static Map<String, Object> error(long id, NodeError e) {
    return Map.of("op", "error", "id", id, "code", e.code().name(), "message", e.getMessage());
  }

  private static RequestKind kind(Object kind) {
    if (kind instanceof String s) {
      for (RequestKind k : RequestKind.values()) {
        // a margin mode switch goes over HTTP only, where a node with L1 batches refuses it
        if (k != RequestKind.MARGIN_MODE && k.name().toLowerCase(Locale.ROOT).equals(s)) {
          return k;
        }
      }
    }
    throw new NodeError(
        ErrorCode.INVALID_REQUEST, "kind must be order, amend, cancel or withdrawal");
  }
}
