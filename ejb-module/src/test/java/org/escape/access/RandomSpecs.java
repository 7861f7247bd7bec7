package org.escape.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.escape.access.ReferenceModel.LabelSpec;
import org.escape.access.ReferenceModel.ReaderSpec;

/**
 * Random labels, readers and chains for the randomized tests. Countries are drawn mostly from a
 * small pool, so that overlaps, subsets and empty intersections all happen often, and sometimes
 * from the whole ISO list, so that unusual codes are covered too.
 *
 * <p>The seed is {@code -Dtests.seed=…} when given, otherwise the clock; every test prints it and
 * puts it in its assertion messages so a failure can be replayed exactly.
 */
final class RandomSpecs {

    static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static final List<String> POOL = List.of("GBR", "KEN", "MYS", "IND", "CAN", "CHE", "USA", "FRA");

    private final Random random;

    RandomSpecs(long seed) {
        this.random = new Random(seed);
    }

    /** Prints the seed once per test class, the way to replay it. */
    static void announce(Class<?> testClass) {
        System.out.println(testClass.getSimpleName() + ": -Dtests.seed=" + SEED);
    }

    static String seedMessage() {
        return "replay with -Dtests.seed=" + SEED;
    }

    Random random() {
        return random;
    }

    String level() {
        return ReferenceModel.LEVEL_NAMES.get(random.nextInt(ReferenceModel.LEVEL_NAMES.size()));
    }

    String country() {
        return random.nextInt(10) == 0
                ? ReferenceModel.ISO_COUNTRIES.get(random.nextInt(ReferenceModel.ISO_COUNTRIES.size()))
                : POOL.get(random.nextInt(POOL.size()));
    }

    LabelSpec label() {
        if (random.nextInt(4) == 0) {
            return LabelSpec.all(level());
        }
        int size = 1 + random.nextInt(random.nextInt(20) == 0 ? 12 : 4);
        Set<String> countries = new LinkedHashSet<>();
        while (countries.size() < size) {
            countries.add(country());
        }
        // Unsorted on purpose: the code under test must sort.
        return new LabelSpec(level(), List.copyOf(countries));
    }

    ReaderSpec reader() {
        String country = random.nextInt(7) == 0 ? null : country();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (random.nextBoolean()) {
                roles.add(role);
            }
        }
        return new ReaderSpec(level(), country, roles);
    }

    /** A chain of one to four labels; half the time each label dominates the one above (W1 holds). */
    List<LabelSpec> chain() {
        int length = 1 + random.nextInt(4);
        boolean consistent = random.nextBoolean();
        List<LabelSpec> chain = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            chain.add(consistent && i > 0 ? narrowed(chain.get(i - 1)) : label());
        }
        return chain;
    }

    /** A label that dominates {@code container}: same or higher level, same or fewer countries. */
    LabelSpec narrowed(LabelSpec container) {
        int rank = ReferenceModel.rank(container.level());
        String level = ReferenceModel.LEVEL_NAMES.get(rank + random.nextInt(ReferenceModel.LEVEL_NAMES.size() - rank));
        List<String> countries;
        if (container.countries() == null) {
            countries = random.nextBoolean() ? null : label().countries();
        } else {
            List<String> kept = new ArrayList<>(container.countries());
            while (kept.size() > 1 && random.nextBoolean()) {
                kept.remove(random.nextInt(kept.size()));
            }
            countries = kept;
        }
        return new LabelSpec(level, countries);
    }
}
