package dev.stablewrites.harness.history;

import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.harness.compare.Cell;
import dev.stablewrites.harness.compare.Comparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history table's runs: each kernel era's composed strategy on every scenario kind the era has,
 * with the era's kernel-model options, on three geometries: T10-DIF Type 1 on one disk, RAID1 (md;
 * the mirrors' agreement), and a filesystem that checksums data (btrfs-like {@code fs-crc32c}).
 */
public final class History {
    /** A geometry of the table: its title and the scenario options that make it. */
    public record Geometry(String title, String options) {
    }

    /** The three tables' geometries, in order. */
    public static final List<Geometry> GEOMETRIES = List.of(
            new Geometry("T10-DIF Type 1, one disk", ""),
            new Geometry("RAID1 (md), T10-DIF Type 1 on each leg", "device=raid1"),
            new Geometry("filesystem data checksums (fs-crc32c), one disk", "integrity=fs-crc32c"));

    /** One era's row on one geometry: a cell per kind, null where the era lacks the kind (ext3 after 4.2). */
    public record Row(KernelEra era, Geometry geometry, List<Cell> cells) {
    }

    private final Comparison comparison;

    public History(Comparison comparison) {
        this.comparison = comparison;
    }

    /** Runs every era on every geometry, eras outer. */
    public Map<Geometry, List<Row>> run(List<KernelEra> eras) {
        Map<Geometry, List<Row>> out = new LinkedHashMap<>();
        for (Geometry g : GEOMETRIES) {
            List<Row> rows = new ArrayList<>();
            for (KernelEra era : eras) {
                List<String> scenarios = new ArrayList<>();
                for (ScenarioKind k : ScenarioKind.values()) {
                    if (era.runs(k)) {
                        scenarios.add(era.scenario(k, g.options()));
                    }
                }
                List<Cell> ran = comparison.run(List.of(era.strategy()), scenarios);
                List<Cell> cells = new ArrayList<>();
                int i = 0;
                for (ScenarioKind k : ScenarioKind.values()) {
                    cells.add(era.runs(k) ? ran.get(i++) : null);
                }
                rows.add(new Row(era, g, cells));
            }
            out.put(g, rows);
        }
        return out;
    }
}
