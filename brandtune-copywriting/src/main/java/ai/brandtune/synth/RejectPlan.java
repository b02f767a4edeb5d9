package ai.brandtune.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which type each rejected variant gets: exactly the mix's share of every type over all slots
 * (largest remainders for the rounding), in an order shuffled by the seed, so a run with the same
 * input and seed assigns the same types.
 */
final class RejectPlan {
  private RejectPlan() {}

  /**
   * The types of {@code records * perRecord} slots, record after record. With several slots per
   * record, types repeat within a record only where the mix leaves no other choice.
   */
  static List<RejectType> assign(RejectMix mix, int records, int perRecord, long seed) {
    List<RejectType> plan = assign(mix, records * perRecord, seed);
    if (perRecord > 1) {
      spread(plan, perRecord);
    }
    return plan;
  }

  /**
   * Swaps slots between records while that spreads types more evenly: each swap lowers the sum over
   * records of the squared count of each type, so it ends, and keeps the global counts.
   */
  private static void spread(List<RejectType> plan, int k) {
    int records = plan.size() / k;
    for (int pass = 0; pass < 8; pass++) {
      boolean changed = false;
      for (int r = 0; r < records; r++) {
        for (int j = 0; j < k; j++) {
          int a = r * k + j;
          if (countIn(plan, r, k, plan.get(a)) < 2) {
            continue;
          }
          search:
          for (int step = 1; step < records; step++) {
            int other = (r + step) % records;
            for (int jj = 0; jj < k; jj++) {
              int b = other * k + jj;
              RejectType mine = plan.get(a);
              RejectType theirs = plan.get(b);
              int gain =
                  (countIn(plan, r, k, theirs) - countIn(plan, r, k, mine) + 1)
                      + (countIn(plan, other, k, mine) - countIn(plan, other, k, theirs) + 1);
              if (mine != theirs && gain < 0) {
                plan.set(a, theirs);
                plan.set(b, mine);
                changed = true;
                break search;
              }
            }
          }
        }
      }
      if (!changed) {
        return;
      }
    }
  }

  private static int countIn(List<RejectType> plan, int record, int k, RejectType t) {
    int n = 0;
    for (int j = 0; j < k; j++) {
      if (plan.get(record * k + j) == t) {
        n++;
      }
    }
    return n;
  }

  static List<RejectType> assign(RejectMix mix, int slots, long seed) {
    Map<String, Double> shares = mix.shares();
    RejectType[] types = RejectType.values();
    int[] counts = new int[types.length];
    double[] remainders = new double[types.length];
    int assigned = 0;
    for (int i = 0; i < types.length; i++) {
      double exact = shares.get(types[i].id()) * slots;
      counts[i] = (int) Math.floor(exact);
      remainders[i] = exact - counts[i];
      assigned += counts[i];
    }
    for (; assigned < slots; assigned++) {
      int best = 0;
      for (int i = 1; i < types.length; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      counts[best]++;
      remainders[best] = -1;
    }
    List<RejectType> plan = new ArrayList<>(slots);
    for (int i = 0; i < types.length; i++) {
      for (int c = 0; c < counts[i]; c++) {
        plan.add(types[i]);
      }
    }
    SplittableRandom random = Seeds.random(seed, "reject-plan", slots);
    for (int i = plan.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      RejectType t = plan.get(i);
      plan.set(i, plan.get(j));
      plan.set(j, t);
    }
    return plan;
  }
}
