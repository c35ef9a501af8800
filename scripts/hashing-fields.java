// What per-field change marks would save the state hash (issue 14, session 13b): per workload, of
// the words each changed account records (docs/sequencer.md, "State hash": id, collateral, nonce,
// active-market mask, five numbers per active market), how many hold a number the command changed,
// counted by comparing each recorded account's words before and after the command. Build the tree
// first (scripts/mvn -q -o -pl bench -am -DskipTests package).
//
//   java -Xmx3g -cp "ROOT/bench/target/sable-bench.jar:ROOT/bench/target/lib/*" \
//       scripts/hashing-fields.java COMMANDS MIXES
import dev.sable.bench.MatchingWorkload;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import java.util.Arrays;

public class HashingFields {
  static final String[] NAMES = {
    "id", "collateral", "nonce", "mask", "size", "cost", "fundingIndex", "openBuy", "openSell"
  };

  public static void main(String[] args) {
    int commands = Integer.parseInt(args[0]);
    for (String mix : args[1].split(",")) {
      MatchingWorkload w = MatchingWorkload.named(mix, commands);
      Sequencer s = new Sequencer(ArrayOrderBook::new, e -> {}, false);
      for (Command c : w.setup()) {
        s.apply(c);
      }
      ExchangeState state = s.state();
      long[][] before = new long[0][];
      long recorded = 0;
      long changed = 0;
      long accounts = 0;
      long[] changedByField = new long[NAMES.length];
      long[] recordedByField = new long[NAMES.length];
      int n = 0;
      for (Command c : w.commands()) {
        before = snapshot(state, before);
        s.apply(c);
        n++;
        for (int k = 0; k < s.changedAccountCount(); k++) {
          int id = s.changedAccount(k);
          long[] after = words(state.account(id));
          long[] was = id < before.length && before[id] != null ? before[id] : new long[0];
          accounts++;
          recorded += after.length;
          for (int i = 0; i < after.length; i++) {
            int field = i < 4 ? i : 4 + (i - 4) % 5;
            recordedByField[field]++;
            if (i >= was.length || was[i] != after[i] || was.length != after.length && i >= 3) {
              changed++;
              changedByField[field]++;
            }
          }
        }
      }
      System.out.printf(
          "%s: %d commands, %.2f changed accounts per command, %.2f account words per command,"
              + " of which %.2f hold a number that changed (%.0f%%)%n",
          mix,
          n,
          accounts / (double) n,
          recorded / (double) n,
          changed / (double) n,
          100.0 * changed / recorded);
      StringBuilder b = new StringBuilder("  changed/recorded by field:");
      for (int f = 0; f < NAMES.length; f++) {
        double share = 100.0 * changedByField[f] / Math.max(1, recordedByField[f]);
        b.append(String.format(" %s %.0f%%", NAMES[f], share));
      }
      System.out.println(b);
    }
  }

  /** Each account's recorded words (the outer array of the last snapshot reused). */
  static long[][] snapshot(ExchangeState state, long[][] last) {
    int bound = state.accountBound();
    long[][] all = last.length >= bound ? last : Arrays.copyOf(last, bound);
    for (int id = 0; id < bound; id++) {
      Account a = state.account(id);
      all[id] = a == null ? null : words(a);
    }
    return all;
  }

  static long[] words(Account a) {
    long[] w = new long[4 + 5 * ExchangeState.MAX_MARKETS];
    w[0] = a.id();
    w[1] = a.collateral();
    w[2] = a.nonce();
    w[3] = a.activeMarkets();
    return Arrays.copyOf(w, a.copyActiveMarkets(w, 4));
  }
}
