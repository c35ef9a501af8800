package dev.sable.sequencer.archfixture;

import java.util.HashMap;
import java.util.Map;

/** Test-only violator: engine code whose output would follow a hash map's iteration order. */
public final class IteratesAHashMap {
  long first() {
    Map<Long, Long> orders = new HashMap<>();
    orders.put(1L, 2L);
    return orders.keySet().iterator().next();
  }
}
