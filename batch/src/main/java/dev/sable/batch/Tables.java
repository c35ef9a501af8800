package dev.sable.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The batch's market, account and order tables as they are built, with their row lookups. */
final class Tables {
  final List<MarketWork> markets = new ArrayList<>();
  final Map<Long, Integer> marketRow = new HashMap<>();
  final List<AccountWork> accounts = new ArrayList<>();
  final Map<Long, Integer> accountRow = new HashMap<>();
  final Map<SignedOrder, Integer> orderRow = new HashMap<>();
  final List<SignedOrder> orders = new ArrayList<>();

  MarketWork market(long id) {
    return markets.get(marketRow.get(id));
  }

  AccountWork account(long index) {
    return accounts.get(accountRow.get(index));
  }
}
