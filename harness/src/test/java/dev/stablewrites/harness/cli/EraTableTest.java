package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The history table, {@code compare --kernels all} (seed 1, guided, 3,000 schedules per cell): every
 * release's composed strategies on every scenario, with why each cell follows from what that release
 * merged. The README's History section is this table; a cell that changes means the model or an
 * era's definition changed what it claims about Linux.
 */
class EraTableTest {
    /** kernel, geometry, scenario to the CSV row. */
    private static final Map<String, String[]> CELLS = new HashMap<>();

    @BeforeAll
    static void compareKernels() {
        Cli.Result r = Cli.run("compare", "--kernels", "all", "--format", "csv", "--budget", "3000", "--threads", "2");
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> rows = List.of(r.out().split("\r\n"));
        assertEquals("kernel,geometry,scenario,strategies,verdict,violation,schedulesExplored", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            CELLS.put(f[0] + " " + f[1] + " " + f[2], f);
        }
        assertEquals(8 * 6 * 3, CELLS.size(), r.out());
    }

    private static String verdict(String kernel, String geometry, String scenario) {
        String[] f = CELLS.get(kernel + " " + geometry + " " + scenario);
        return f[4].equals("FAILS") ? "FAILS " + f[5] : f[4];
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        2.6.38 | buffered-write | FAILS NO_FALSE_EIO | no waits before 3.0: a copy_from_user lands between prep and the DMA
        2.6.38 | mmap           | FAILS NO_FALSE_EIO | the 2011 seed: page_mkwrite lets the store through under writeback
        2.6.38 | mmap-2proc     | FAILS NO_FALSE_EIO | either process stores during the DMA
        2.6.38 | odirect        | FAILS NO_FALSE_EIO | the buffer's thread stores through its writable PTE during the DMA
        2.6.38 | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        2.6.38 | ext3-ordered   | FAILS NO_FALSE_EIO | kjournald's submit_bh: no PG_writeback, no page_mkclean
        3.0    | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        3.0    | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        3.0    | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        3.0    | odirect        | FAILS NO_FALSE_EIO | O_DIRECT has no PG_writeback to wait on
        3.0    | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        3.0    | ext3-ordered   | FAILS NO_FALSE_EIO | ext3's data write has no PG_writeback: Wong's lingering ext3 failure
        3.9    | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        3.9    | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        3.9    | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        3.9    | odirect        | FAILS NO_FALSE_EIO | O_DIRECT has no PG_writeback to wait on
        3.9    | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        3.9    | ext3-ordered   | FAILS NO_FALSE_EIO | BIO_SNAP_STABLE copies after bio_integrity_prep: a store in between fails the write
        3.11   | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        3.11   | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        3.11   | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        3.11   | odirect        | FAILS NO_FALSE_EIO | O_DIRECT has no PG_writeback to wait on
        3.11   | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        3.11   | ext3-ordered   | FAILS NO_FALSE_EIO | BIO_SNAP_STABLE copies after bio_integrity_prep: a store in between fails the write
        4.3    | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        4.3    | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        4.3    | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        4.3    | odirect        | FAILS NO_FALSE_EIO | O_DIRECT has no PG_writeback to wait on
        4.3    | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        4.3    | ext3-ordered   | ABSENT             | ext3 left the tree in 4.3
        5.10   | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        5.10   | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        5.10   | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        5.10   | odirect        | FAILS NO_FALSE_EIO | O_DIRECT has no PG_writeback to wait on
        5.10   | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        5.10   | ext3-ordered   | ABSENT             | ext3 left the tree in 4.3
        6.15   | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        6.15   | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        6.15   | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        6.15   | odirect        | FAILS NO_FALSE_EIO | btrfs falls back only for checksummed inodes; a T10 device alone does not make one
        6.15   | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        6.15   | ext3-ordered   | ABSENT             | ext3 left the tree in 4.3
        7.0    | buffered-write | HOLDS              | write_begin waits on PG_writeback (T10 PI requires stable writes from 3.9 on)
        7.0    | mmap           | HOLDS              | page_mkclean, then page_mkwrite waits
        7.0    | mmap-2proc     | HOLDS              | page_mkclean reaches every process's PTE
        7.0    | odirect        | HOLDS              | IOMAP_DIO_BOUNCE copies the user's pages before the tuples
        7.0    | journal        | HOLDS              | jbd2 guards its buffer itself (BH_Shadow / BJ_Shadow, the frozen copy) in every release
        7.0    | ext3-ordered   | ABSENT             | ext3 left the tree in 4.3
        """)
    void t10Table_followsFromWhatEachReleaseMerged(String kernel, String scenario, String expected, String why) {
        assertEquals(expected, verdict(kernel, "t10-dif-type1", scenario), why);
    }

    @Test
    void fsChecksumTable_isTheT10TableWithUnreadableBlocks_exceptWhereBtrfsFallsBack() {
        for (String[] f : CELLS.values()) {
            if (!f[1].equals("integrity=fs-crc32c")) {
                continue;
            }
            String t10 = verdict(f[0], "t10-dif-type1", f[2]);
            String got = verdict(f[0], f[1], f[2]);
            if (f[2].equals("odirect") && f[0].equals("6.15")) {
                assertEquals("HOLDS", got, "btrfs 6.15: the checksummed inode's O_DIRECT write goes through the page cache");
                assertEquals("FAILS NO_FALSE_EIO", t10);
            } else {
                // A filesystem checksum is checked on read: the same race leaves a block that fails it.
                assertEquals(t10.replace("NO_FALSE_EIO", "READABLE"), got, String.join(",", f));
            }
        }
    }

    @Test
    void raid1Table_failsWhereTheDiskTableFails() {
        for (String[] f : CELLS.values()) {
            if (f[1].equals("device=raid1")) {
                String t10 = verdict(f[0], "t10-dif-type1", f[2]);
                assertEquals(t10.startsWith("FAILS"), verdict(f[0], f[1], f[2]).startsWith("FAILS"), String.join(",", f));
            }
        }
        assertTrue(verdict("7.0", "device=raid1", "odirect").equals("HOLDS"));
    }

    @Test
    void theHistoryJson_givesEachReleaseItsDefinition_andEachCellItsVerdict() {
        Cli.Result r = Cli.run("compare", "--kernels", "4.3", "--budget", "100", "--format", "json", "--threads", "2");
        assertEquals(Main.HOLDS, r.status(), r.err());
        String json = r.out();
        assertTrue(json.startsWith("{\n  \"kernels\": [\n    {\"kernel\": \"4.3\", \"year\": 2015,"), json);
        assertTrue(json.contains("\"hasExt3\": false"), json);
        assertEquals(18, json.split("\\{\"kernel\": \"4.3\", \"geometry\"", -1).length - 1, "a result per cell");
        assertTrue(json.contains("\"scenario\": \"ext3-ordered\", \"verdict\": \"ABSENT\""), json);
        assertTrue(json.contains("\"scenario\": \"odirect\", \"verdict\": \"FAILS\", \"violation\": \"NO_FALSE_EIO\""), json);
    }

    @Test
    void theHistoryPage_hasATablePerGeometry_aRowPerRelease_andTheirSources(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        Cli.Result r = Cli.run("compare", "--kernels", "3.0,7.0", "--budget", "200", "--format", "html", "--out",
                dir.toString(), "--threads", "2");
        assertEquals(Main.HOLDS, r.status(), r.err());
        String page = java.nio.file.Files.readString(dir.resolve("history.html"));
        assertEquals(3, page.split("<h2>", -1).length - 2, "three geometries and the releases' section");
        assertEquals(6, page.split("<tr><th>3.0</th>|<tr><th>7.0</th>", -1).length - 1, "two releases on each table");
        assertTrue(page.contains("<td class=\"v FAILS\"") && page.contains("<td class=\"v HOLDS\""), page);
        assertTrue(page.contains("no ext3") && page.contains("for-7.0/block-stable-pages"), page);
    }
}
