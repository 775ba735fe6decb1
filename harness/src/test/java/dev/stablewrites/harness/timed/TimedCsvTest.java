package dev.stablewrites.harness.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.harness.report.html.SampleRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the timed CSV a spreadsheet reads: RFC 4180 with CRLF, one row per strategy × workload,
 * every column named with its unit, values in the units named, fields with commas or quotes quoted.
 */
class TimedCsvTest {
    private static final List<TimedResult> TIMED = SampleRun.get().timed;

    @Test
    void theHeader_namesEveryColumnWithItsUnit_andTheCpuCategoriesInReportOrder() {
        List<String> header = parse(TimedCsv.render(TIMED)).get(0);
        assertEquals(List.of("strategy", "workload", "threads", "workingSetBytes", "writeSizeBytes", "syncEvery",
                "operations", "durationNs", "seed", "outcome", "writes", "makespanNs", "writesPerSecond", "mbPerSecond",
                "writeLatencyP50Ns", "writeLatencyP99Ns", "writeLatencyMaxNs", "writeStallP50Ns", "writeStallP99Ns",
                "writeStallMaxNs", "syncLatencyP50Ns", "syncLatencyP99Ns", "syncLatencyMaxNs", "cpuTotalNs"),
                header.subList(0, 24));
        List<String> cpu = TIMED.get(0).cpuNs().keySet().stream().map(TimedCsv::column).toList();
        assertEquals(cpu, header.subList(24, 24 + cpu.size()));
        assertTrue(cpu.contains("cpuTLBNs") && cpu.contains("cpuSyscallsAndKernelStepsNs"), cpu.toString());
        assertEquals(List.of("peakExtraMemoryBytes", "ioAmplification", "protectionErrors", "falseEios", "lostPages",
                "wakeups", "firstViolation"), header.subList(24 + cpu.size(), header.size()));
    }

    @Test
    void oneRowPerStrategyAndWorkload_withTheMeasuredValues() {
        String csv = TimedCsv.render(TIMED);
        assertTrue(csv.endsWith("\r\n"));
        assertEquals(csv.split("\r\n", -1).length - 1, TIMED.size() + 1, "CRLF after every row, none bare");
        assertEquals(-1, csv.replace("\r\n", "").indexOf('\n'));
        List<List<String>> rows = parse(csv);
        List<String> header = rows.get(0);
        assertEquals(TIMED.size() + 1, rows.size());
        for (int i = 0; i < TIMED.size(); i++) {
            TimedResult r = TIMED.get(i);
            List<String> row = rows.get(i + 1);
            assertEquals(header.size(), row.size(), "row " + i);
            assertEquals(r.strategy(), row.get(header.indexOf("strategy")));
            assertEquals(r.workload().kind().id(), row.get(header.indexOf("workload")));
            assertEquals(String.valueOf(r.writes()), row.get(header.indexOf("writes")));
            assertEquals(r.makespanNs(), Double.parseDouble(row.get(header.indexOf("makespanNs"))), 0.005);
            assertEquals(r.mbPerSecond(), Double.parseDouble(row.get(header.indexOf("mbPerSecond"))), 0.005);
            assertEquals(String.valueOf(r.writeLatency().getValueAtPercentile(99)),
                    row.get(header.indexOf("writeLatencyP99Ns")));
            assertEquals(String.valueOf(r.writeStall().getMaxValue()), row.get(header.indexOf("writeStallMaxNs")));
            assertEquals(r.cpuNs().get("copy"), Double.parseDouble(row.get(header.indexOf("cpuCopyNs"))), 0.005);
            assertEquals(String.valueOf(r.peakExtraMemory()), row.get(header.indexOf("peakExtraMemoryBytes")));
            assertEquals(String.valueOf(r.protectionErrors()), row.get(header.indexOf("protectionErrors")));
            assertEquals(String.valueOf(r.falseEios()), row.get(header.indexOf("falseEios")));
            // Not measured under O_DIRECT (no page cache to check): an empty field, not a count.
            assertEquals(r.lostPages() < 0 ? "" : String.valueOf(r.lostPages()), row.get(header.indexOf("lostPages")));
        }
        assertEquals(csv, TimedCsv.render(TIMED), "the same results give the same bytes");
    }

    @Test
    void aFieldWithACommaQuoteOrLineBreak_isQuoted() {
        TimedResult r = TIMED.get(0);
        TimedResult odd = new TimedResult("a,b", r.workload(), "deadlock: \"x\" waits", r.writes(), r.makespanNs(),
                r.writeLatency(), r.writeStall(), r.syncLatency(), r.cpuNs(), r.peakExtraMemory(),
                r.ioAmplification(), r.protectionErrors(), r.falseEios(), r.lostPages(), "NO_LOST_WRITE: line\none",
                r.costs(), r.wakeups(), r.workloadBytes());
        String csv = TimedCsv.render(List.of(odd));
        String row = csv.substring(csv.indexOf("\r\n") + 2);
        assertTrue(row.startsWith("\"a,b\","), row);
        assertTrue(row.contains(",\"deadlock: \"\"x\"\" waits\","), row);
        assertTrue(row.endsWith(",\"NO_LOST_WRITE: line\none\"\r\n"), row);
        List<String> parsed = parse(csv).get(1);
        assertEquals("a,b", parsed.get(0));
        assertEquals("deadlock: \"x\" waits", parsed.get(9));
        assertEquals("NO_LOST_WRITE: line\none", parsed.get(parsed.size() - 1));
    }

    @Test
    void aRunByTime_leavesOperationsEmpty_andGivesItsDuration() {
        TimedResult r = TIMED.get(0);
        TimedResult byTime = new TimedResult(r.strategy(), dev.stablewrites.core.timed.Workload.dbenchAsIn2013(1 << 20, 1),
                r.outcome(), r.writes(), r.makespanNs(), r.writeLatency(), r.writeStall(), r.syncLatency(), r.cpuNs(),
                r.peakExtraMemory(), r.ioAmplification(), r.protectionErrors(), r.falseEios(), r.lostPages(),
                r.firstViolation(), r.costs(), r.wakeups(), r.workloadBytes());
        List<List<String>> rows = parse(TimedCsv.render(List.of(r, byTime)));
        int ops = rows.get(0).indexOf("operations");
        int duration = rows.get(0).indexOf("durationNs");
        assertEquals(String.valueOf(r.workload().ops()), rows.get(1).get(ops));
        assertEquals("", rows.get(2).get(ops), "no count of writes was asked for");
        assertEquals("144000000000", rows.get(2).get(duration));
        assertEquals(String.valueOf(r.writes()), rows.get(2).get(rows.get(0).indexOf("writes")));
    }

    @Test
    void noResults_giveTheHeaderAlone() {
        String csv = TimedCsv.render(List.of());
        assertTrue(csv.startsWith("strategy,workload,"));
        assertEquals(csv.length() - 2, csv.indexOf("\r\n"));
    }

    /** RFC 4180 records: fields split on commas outside quotes, a doubled quote inside them one quote. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        return rows;
    }
}
