package dev.sable.devnet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary's JSON: the plain demo's has no escape field; the escape scenario's has its fields
 * beside the others (the CLI's contract names them), and {@link EscapeSummary#succeeded} fails on
 * each way an escape can go wrong.
 */
class DemoSummaryJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static DemoSummary plain() {
    return new DemoSummary(
        3,
        "0x01",
        "0x01",
        1,
        List.of(1L),
        1,
        1,
        List.of(1L),
        1,
        "c",
        1,
        1,
        1.0,
        2,
        1,
        1,
        true,
        "k",
        "development",
        "0x02",
        1,
        "0x03",
        4,
        1.5,
        416,
        1,
        188L,
        1,
        null);
  }

  @Test
  void thePlainSummaryHasNoEscapeField() {
    JsonNode n = JSON.valueToTree(plain());
    assertThat(n.get("da_bytes_per_changed_account").asLong()).isEqualTo(416);
    assertThat(n.get("portfolio_accounts").asLong()).isEqualTo(1);
    assertThat(n.fieldNames()).toIterable().noneMatch(f -> f.startsWith("escape"));
  }

  @Test
  void theEscapeFieldsSitBesideTheOthers() {
    JsonNode n =
        JSON.valueToTree(
            plain().withEscape(new EscapeSummary(true, 998, 998, true, 1, 6000, 3, 2, 12, true)));
    assertThat(n.get("batches_verified_on_l1").asLong()).isEqualTo(3);
    assertThat(n.get("escape_exit_paid").asBoolean()).isTrue();
    assertThat(n.get("escape_exit_amount").asLong()).isEqualTo(998);
    assertThat(n.get("escape_expected_equity").asLong()).isEqualTo(998);
    assertThat(n.get("escape_second_exit_refused").asBoolean()).isTrue();
    assertThat(n.get("escape_account").asLong()).isEqualTo(1);
    assertThat(n.get("escape_exits").asInt()).isEqualTo(3);
    assertThat(n.get("escape_option_holder_exits").asInt()).isEqualTo(2);
    assertThat(n.get("escape_bridge_balance_left").asLong()).isEqualTo(12);
    assertThat(n.get("escape_solvency_holds").asBoolean()).isTrue();
    assertThat(n.has("escape")).isFalse();
  }

  @Test
  void anEscapeSucceedsOnlyPaidAtTheExpectedEquityOnceAndSolvent() {
    assertThat(new EscapeSummary(true, 998, 998, true, 1, 1, 1, 0, 0, true).succeeded()).isTrue();
    assertThat(new EscapeSummary(false, 998, 998, true, 1, 1, 1, 0, 0, true).succeeded()).isFalse();
    assertThat(new EscapeSummary(true, 999, 998, true, 1, 1, 1, 0, 0, true).succeeded()).isFalse();
    assertThat(new EscapeSummary(true, 998, 998, false, 1, 1, 1, 0, 0, true).succeeded()).isFalse();
    assertThat(new EscapeSummary(true, 998, 998, true, 1, 1, 1, 0, 0, false).succeeded()).isFalse();
  }
}
