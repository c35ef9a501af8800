package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
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
 * accepts the valid ones, so the fast path is the common one.
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
