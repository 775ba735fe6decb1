package dev.stablewrites.harness.history;

import dev.stablewrites.core.scenario.ScenarioKind;
import java.util.List;

/**
 * A Linux release as the model can run it: the composition of strategies that release shipped, and
 * the kernel-model options of that release.
 *
 * @param id          the release, e.g. {@code 3.9}
 * @param year        when it was released
 * @param strategy    the composed strategy id, e.g. {@code stable-pages+snap-stable}
 * @param options     kernel-model scenario options of the release (e.g. {@code jbd2=frozen-copy})
 * @param raid1Options scenario options the release adds on {@code device=raid1}
 * @param hasExt3     whether ext3 (and its {@code data=ordered} kjournald path) was still in the tree
 * @param fixed       what the release fixed, in a line
 * @param open        what it left open, in a line
 * @param sources     the commits or series it comes from, and what is uncertain
 */
public record KernelEra(String id, int year, String strategy, String options, String raid1Options, boolean hasExt3,
                        String fixed, String open, String sources) {

    /** Whether the era can run {@code kind} (ext3 left in 4.3). */
    public boolean runs(ScenarioKind kind) {
        return kind != ScenarioKind.EXT3_ORDERED || hasExt3;
    }

    /** The scenario line of {@code kind} on this era, with {@code geometry} (e.g. {@code device=raid1}) added. */
    public String scenario(ScenarioKind kind, String geometry) {
        StringBuilder sb = new StringBuilder(kind.id());
        if (!geometry.isBlank()) {
            sb.append(' ').append(geometry.strip());
        }
        if (!options.isBlank()) {
            sb.append(' ').append(options.strip());
        }
        if (geometry.contains("device=raid1") && !raid1Options.isBlank()) {
            sb.append(' ').append(raid1Options.strip());
        }
        return sb.toString();
    }

    /** The eras, oldest first. */
    public static List<KernelEra> all() {
        return KernelEras.ALL;
    }
}
