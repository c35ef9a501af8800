package dev.sable.devnet.demo;

import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a stopped node last proved for the escape scenario, read in one pass over its settlement
 * store: the accounts that exit and the share no key can exit.
 *
 * @param accounts each account asked for, by index
 * @param unowned the fund's equity and the pools
 */
record ProvenState(Map<Long, ProvenAccount> accounts, UnownedShare unowned) {

  /**
   * Reads {@code accounts} and the unowned share from the settlement store in the node's data
   * directory {@code dataDir}; the node must have stopped (the store admits one process).
   */
  static ProvenState read(Path dataDir, Collection<Long> accounts) {
    try (RocksDbKeyValueStore store =
        RocksDbKeyValueStore.open(dataDir.resolve("settlement"), false)) {
      SettlementState state = SettlementState.open(store);
      return new ProvenState(
          accounts.stream()
              .distinct()
              .collect(
                  Collectors.toUnmodifiableMap(
                      Function.identity(), a -> ProvenAccount.of(state, a))),
          UnownedShare.of(state));
    }
  }

  ProvenAccount account(long account) {
    return accounts.get(account);
  }
}
