package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.sealed.SealedMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The direct test of a sealed body's shape never accepts what the OpenAPI document's schema
 * refuses, on valid bodies and on bodies broken in every way the generator knows (a key missing or
 * extra, a wrong type, upper-case or odd hex, lengths and numbers at and past their bounds); and it
 * accepts the valid ones, so the fast path is the common one. The same for {@link SealedBody},
 * which reads a single sealed request from the bytes: what it reads is JSON the schema accepts, and
 * the very message the JSON path would make of it.
 */
class SealedShapeTest {
  private static Vertx vertx;
  private static Validator request;
  private static Validator batch;

  @BeforeContainer
  static void load() throws Exception {
    vertx = Vertx.vertx();
    OpenAPIContract contract =
        OpenAPIContract.from(vertx, new JsonObject(ApiServer.yamlToJson(ApiServer.document())))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    request = validator(contract, "submitOrder");
    batch = validator(contract, "submitBatch");
  }

  private static Validator validator(OpenAPIContract contract, String operation) {
    return contract
        .getSchemaRepository()
        .validator(
            contract
                .operation(operation)
                .getRequestBody()
                .getContent()
                .get("application/json")
                .getSchema());
  }

  @AfterContainer
  static void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static boolean schemaAccepts(Validator v, Object json) {
    return v.validate(json).getValid();
  }

  /** Parsed as the node parses bodies (so numbers come as Integer, Long, BigInteger, Double). */
  private static Object parsed(String body) {
    return Json.decodeValue(body);
  }

  @Property(tries = 2000)
  void whatTheShapeAcceptsTheSchemaAccepts(@ForAll("bodies") String body) {
    Object json = parsed(body);
    if (SealedShape.REQUEST.test(json)) {
      assertThat(schemaAccepts(request, json)).as(body).isTrue();
    }
  }

  @Property(tries = 300)
  void aBatchTheShapeAcceptsTheSchemaAccepts(@ForAll("batches") String body) {
    Object json = parsed(body);
    if (SealedShape.BATCH.test(json)) {
      assertThat(schemaAccepts(batch, json)).as(body).isTrue();
    }
  }

  @Property(tries = 300)
  void validBodiesTakeTheFastPath(@ForAll("valid") String body) {
    Object json = parsed(body);
    assertThat(SealedShape.REQUEST.test(json)).as(body).isTrue();
    assertThat(schemaAccepts(request, json)).isTrue();
    Predicate<Object> inBatch = SealedShape.BATCH;
    assertThat(inBatch.test(new JsonObject().put("requests", new JsonArray().add(json)))).isTrue();
  }

  @Property(tries = 3000)
  void whatTheBodyReaderReadsTheSchemaAcceptsAsTheSameMessage(
      @ForAll("mutatedBodies") String body) {
    SealedMessage read = SealedBody.read(Buffer.buffer(body));
    if (read == null) {
      return;
    }
    Object json = parsed(body); // throws on a body that is not JSON: a failure
    assertThat(SealedShape.REQUEST.test(json)).as(body).isTrue();
    assertThat(schemaAccepts(request, json)).as(body).isTrue();
    SealedMessage viaJson = SealedRoutes.parse((JsonObject) json);
    assertThat(read.enc()).as(body).isEqualTo(viaJson.enc());
    assertThat(read.seq()).as(body).isEqualTo(viaJson.seq());
    assertThat(read.ciphertext()).as(body).isEqualTo(viaJson.ciphertext());
  }

  @Property(tries = 300)
  void validBodiesAreReadWithoutATree(@ForAll("spacedValid") String body) {
    assertThat(SealedBody.read(Buffer.buffer(body))).as(body).isNotNull();
  }

  @Provide
  Arbitrary<String> spacedValid() {
    Arbitrary<String> space = Arbitraries.of("", " ", "\n", "\t ", "\r\n");
    return Combinators.combine(valid(), space, Arbitraries.integers().between(0, 2))
        .as(
            (body, sp, order) -> {
              String spaced = body.replace(",", sp + "," + sp).replace(":", sp + ":" + sp);
              return sp + rotate(spaced, order) + sp;
            });
  }

  /** The three fields of a valid body in another order. */
  private static String rotate(String body, int n) {
    String inner = body.substring(body.indexOf('{') + 1, body.lastIndexOf('}'));
    java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of(inner.split(",")));
    java.util.Collections.rotate(fields, n);
    return "{" + String.join(",", fields) + "}";
  }

  /**
   * Bodies broken as {@link #bodies} breaks them, plus valid ones with one character inserted,
   * deleted or replaced (by a digit, a quote, a brace, a sign, a space...), or with a field
   * repeated, or a suffix.
   */
  @Provide
  Arbitrary<String> mutatedBodies() {
    Arbitrary<String> edited =
        Combinators.combine(
                valid(),
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.of(0, 1, 2),
                Arbitraries.of(
                    '0', '1', 'a', 'A', 'g', '"', '{', '}', ',', ':', '-', '.', ' ', '\\'))
            .as(
                (body, where, how, c) -> {
                  int i = where % (body.length() + 1);
                  int j = Math.min(body.length(), i + 1);
                  return switch (how) {
                    case 0 -> body.substring(0, i) + c + body.substring(i);
                    case 1 -> body.substring(0, i) + body.substring(j);
                    default -> body.substring(0, i) + c + body.substring(j);
                  };
                });
    Arbitrary<String> odd =
        Combinators.combine(
                valid(),
                Arbitraries.of(
                    ",\"seq\":1}",
                    ",\"enc\":\"" + "0".repeat(64) + "\"}",
                    "x",
                    "}",
                    "]",
                    " {}",
                    "\u0000"))
            .as(
                (body, tail) ->
                    tail.startsWith(",")
                        ? body.substring(0, body.length() - 1) + tail
                        : body + tail);
    Arbitrary<String> numbers =
        Combinators.combine(
                hex(64, 64),
                Arbitraries.of(
                    "00",
                    "01",
                    "-0",
                    "+1",
                    "0.0",
                    "1E2",
                    "9223372036854775807",
                    "9223372036854775808",
                    "18446744073709551616",
                    "99999999999999999999",
                    ""),
                evenHex())
            .as((enc, seq, ct) -> body(quote(enc), seq, quote(ct)));
    return Arbitraries.oneOf(bodies(), edited, odd, numbers);
  }

  @Provide
  Arbitrary<String> valid() {
    return Combinators.combine(
            hex(64, 64), Arbitraries.longs().between(0, Long.MAX_VALUE), evenHex())
        .as((enc, seq, ct) -> body(quote(enc), Long.toString(seq), quote(ct)));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> enc =
        Arbitraries.oneOf(
            hex(64, 64).map(SealedShapeTest::quote),
            hex(62, 66).map(SealedShapeTest::quote),
            hex(64, 64).map(s -> quote(s.toUpperCase(java.util.Locale.ROOT))),
            Arbitraries.of("null", "12", "[]", "{}", "\"zz\""));
    Arbitrary<String> seq =
        Arbitraries.oneOf(
            Arbitraries.longs().map(l -> Long.toString(l)),
            Arbitraries.of(
                "0",
                "-1",
                "9223372036854775807",
                "9223372036854775808",
                "1.5",
                "1e3",
                "\"7\"",
                "null",
                "true"));
    Arbitrary<String> ct =
        Arbitraries.oneOf(
            evenHex().map(SealedShapeTest::quote),
            hex(30, 1026).map(SealedShapeTest::quote),
            evenHex().map(s -> quote("X" + s.substring(1))),
            Arbitraries.of("null", "5", "\"\""));
    Arbitrary<String> extra = Arbitraries.of("", ",\"x\":1", ",\"enc\":\"00\"");
    Arbitrary<Integer> drop = Arbitraries.integers().between(-1, 2);
    return Combinators.combine(enc, seq, ct, extra, drop)
        .as(
            (e, s, c, x, d) -> {
              String[] fields = {"\"enc\":" + e, "\"seq\":" + s, "\"ciphertext\":" + c};
              StringBuilder b = new StringBuilder("{");
              for (int i = 0; i < 3; i++) {
                if (i != d) {
                  b.append(b.length() > 1 ? "," : "").append(fields[i]);
                }
              }
              return b.append(x).append('}').toString();
            });
  }

  @Provide
  Arbitrary<String> batches() {
    return Combinators.combine(
            bodies().list().ofMinSize(0).ofMaxSize(22), Arbitraries.of("", ",\"x\":1"))
        .as((items, extra) -> "{\"requests\":[" + String.join(",", items) + "]" + extra + "}");
  }

  private static Arbitrary<String> hex(int min, int max) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(min).ofMaxLength(max);
  }

  private static Arbitrary<String> evenHex() {
    return Arbitraries.integers().between(16, 512).flatMap(n -> hex(2 * n, 2 * n));
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String body(String enc, String seq, String ct) {
    return "{\"enc\":" + enc + ",\"seq\":" + seq + ",\"ciphertext\":" + ct + "}";
  }
}
