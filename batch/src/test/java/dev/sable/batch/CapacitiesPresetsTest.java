package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every preset's circuit name, pinned: the name spells each of the fifteen capacities, so a preset
 * whose value changes (or a new preset not listed here) fails. The circuit catalog, the node's
 * presets and the bridge's fixtures are keyed by these names.
 */
class CapacitiesPresetsTest {
  static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("TINY", "settlement-m1-k1-a2-d2-o2-t1-w1"),
          Map.entry("TINY_L2", "settlement-m1-k1-a2-d2-o2-t1-w1-l2"),
          Map.entry("TINY_L2_Q1", "settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1"),
          Map.entry("TINY_L2_Q1_OWNER", "settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner"),
          Map.entry("TINY_L2_Q1_OWNER_BLOB", "settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner-blob"),
          Map.entry("TINY_L2_Q1_OWNER_BLOB2", "settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner-blob2"),
          Map.entry("TINY_M8_L2_Q1_OWNER", "settlement-m8-k1-a2-d2-o2-t1-w1-l2-q1-owner"),
          Map.entry("TINY_L2_Q1_OPT_OWNER", "settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-opt-owner"),
          Map.entry(
              "TINY_L2_Q1_E2_OPT_OWNER", "settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-e2-opt-owner"),
          Map.entry(
              "TINY_L2_Q1_OPT_PM_OWNER", "settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-opt-pm-owner"),
          Map.entry(
              "TINY_L2_Q1_S1_OPT_PM_OWNER",
              "settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-s1-opt-pm-owner"),
          Map.entry("SMALL", "settlement-m2-k3-a4-d3-o4-t3-w2"),
          Map.entry("SWEEP", "settlement-m2-k3-a6-d3-o4-t3-w2-l8"),
          Map.entry("TINY_SWEEP", "settlement-m1-k1-a3-d1-o2-t1-w1-l4"),
          Map.entry("FORCED", "settlement-m2-k3-a6-d3-o4-t3-w2-l8-q3"),
          Map.entry("OWNER", "settlement-m2-k3-a6-d3-o4-t3-w2-l8-owner"),
          Map.entry("TINY_OWNER", "settlement-m1-k1-a2-d2-o2-t1-w1-owner"),
          Map.entry("OWNER_BLOB", "settlement-m2-k3-a6-d3-o4-t3-w2-l8-owner-blob"),
          Map.entry("TINY_OWNER_BLOB", "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob"),
          Map.entry("OPTIONS", "settlement-m3-k3-a4-d3-o4-t3-w2-opt"),
          Map.entry("OPTION_EXPIRIES", "settlement-m3-k3-a4-d3-o4-t3-w2-e6-opt"),
          Map.entry("PORTFOLIO", "settlement-m3-k3-a4-d3-o4-t3-w2-opt-pm"),
          Map.entry("PORTFOLIO_SWITCHES", "settlement-m3-k3-a4-d3-o4-t3-w2-s2-opt-pm"));

  @Test
  void everyPresetKeepsItsCircuitName() {
    assertThat(presetNames()).isEqualTo(new TreeMap<>(NAMES));
  }

  private static Map<String, String> presetNames() {
    return Arrays.stream(Capacities.class.getFields())
        .filter(f -> f.getType() == Capacities.class && Modifier.isStatic(f.getModifiers()))
        .collect(
            Collectors.toMap(
                Field::getName, CapacitiesPresetsTest::circuitName, (a, b) -> a, TreeMap::new));
  }

  private static String circuitName(Field preset) {
    try {
      return ((Capacities) preset.get(null)).circuitName();
    } catch (IllegalAccessException e) {
      throw new AssertionError(preset.getName(), e);
    }
  }
}
