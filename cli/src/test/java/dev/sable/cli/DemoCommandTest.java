package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path dir;

  int run(String... args) {
    return new CommandLine(new SableCli()).execute(args);
  }

  @Test
  void demoWritesTheSummaryAndReusesKeysOnTheSecondRun() throws Exception {
    Path keys = dir.resolve("keys");
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    assertThat(
            run(
                "demo",
                "--batches",
                "2",
                "--key-dir",
                keys.toString(),
                "--summary",
                first.toString()))
        .isZero();

    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(
              run(
                  "demo",
                  "--batches",
                  "1",
                  "--key-dir",
                  keys.toString(),
                  "--summary",
                  second.toString()))
          .isZero();
    } finally {
      System.setOut(stdout);
    }

    JsonNode a = new ObjectMapper().readTree(first.toFile());
    JsonNode b = new ObjectMapper().readTree(second.toFile());
    assertThat(a.get("batches_verified_on_l1").asLong()).isEqualTo(2);
    assertThat(a.get("node_root").asText()).isEqualTo(a.get("l1_root").asText()).startsWith("0x");
    assertThat(a.get("submit_gas").asLong()).isPositive();
    assertThat(a.get("prove_ms").asLong()).isNotNegative();
    assertThat(a.get("constraints").asInt()).isPositive();
    assertThat(a.get("keys_reused").asBoolean()).isFalse();
    assertThat(b.get("keys_reused").asBoolean()).isTrue();
    assertThat(b.get("key_dir").asText()).isEqualTo(a.get("key_dir").asText());
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("keys reused from");
  }

  @Test
  void badArgumentsGetAClearError() {
    assertThat(run("demo", "--batches", "0")).isEqualTo(2);
    assertThat(run("demo", "--batches", "many")).isEqualTo(2);
  }
}
