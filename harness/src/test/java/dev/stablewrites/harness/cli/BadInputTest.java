package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards against bad input escaping as a stack trace, a wrong exit status, or output on stdout. */
class BadInputTest {
    private static final String ALL_SCENARIOS = "buffered-write, mmap, mmap-2proc, odirect, journal";

    static Stream<Arguments> badInput() {
        return Stream.of(
                bad("unknown strategy", List.of("valid: bounce, dio-fallback-buffered, iomap-dio-bounce, mkwrite-wait, none, recheck-resubmit, ro-then-writeback, snap-stable, stable-pages, writeback-then-ro"),
                        "explore", "--strategy", "nope", "--scenario", "mmap"),
                bad("unknown strategy on replay", List.of("valid: bounce, dio-fallback-buffered, iomap-dio-bounce, mkwrite-wait, none, recheck-resubmit, ro-then-writeback, snap-stable, stable-pages, writeback-then-ro"),
                        "replay", "--strategy", "nope", "--scenario", "mmap", "--schedule", "A"),
                bad("unknown scenario", List.of("'nope'", ALL_SCENARIOS),
                        "explore", "--strategy", "none", "--scenario", "nope"),
                bad("unknown scenario on replay", List.of(ALL_SCENARIOS),
                        "replay", "--strategy", "none", "--scenario", "nope", "--schedule", "A"),
                bad("schedule starting with a count", List.of("malformed schedule '5A'"),
                        "replay", "--strategy", "none", "--scenario", "mmap", "--schedule", "5A"),
                bad("schedule with a zero count", List.of("malformed schedule 'A0'"),
                        "replay", "--strategy", "none", "--scenario", "mmap", "--schedule", "A0"),
                bad("page not a power of two", List.of("impossible size", "page=1000"),
                        "explore", "--strategy", "none", "--scenario", "mmap page=1000"),
                bad("interval larger than the page", List.of("impossible size", "interval=4096"),
                        "explore", "--strategy", "none", "--scenario", "mmap page=512 interval=4096"),
                bad("store past the end of the page", List.of("impossible size", "4096"),
                        "explore", "--strategy", "none", "--scenario", "mmap A: store@0xff8+16=0x1; B: fsync"),
                bad("impossible size on replay", List.of("impossible size"),
                        "replay", "--strategy", "none", "--scenario", "mmap page=1000", "--schedule", "A"),
                bad("zero budget", List.of("budget 0"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--budget", "0"),
                bad("negative budget", List.of("budget -3"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--budget", "-3"),
                bad("seed not a number", List.of("--seed", "'x'"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--seed", "x"),
                bad("unknown explorer", List.of("'foo'", "valid: random, weighted, guided, window, pct, exhaustive, verify"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--explorer", "foo"),
                bad("verify: scope out of range", List.of("scope 9", "1 to 6"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--explorer", "verify", "--scope", "9"),
                bad("compare: --verify 0", List.of("scope 0", "1 to 6"), "compare", "--verify", "0"),
                bad("compare: --verify with another explorer", List.of("--verify", "pct"),
                        "compare", "--verify", "2", "--explorer", "pct"),
                bad("bench: negative speed-up schedules", List.of("--speedup-schedules"),
                        "bench", "--speedup-schedules", "-1"),
                bad("bench: negative commute samples", List.of("--commute-samples"),
                        "bench", "--commute-samples", "-1"),
                bad("missing --scenario", List.of("--scenario"),
                        "explore", "--strategy", "none"),
                bad("compare: unknown strategy", List.of("unknown strategy 'nope'", "valid: all, bounce,"),
                        "compare", "--strategies", "none,nope"),
                bad("compare: unknown scenario", List.of("unknown scenario 'mmapp'", "valid: all, buffered-write,"),
                        "compare", "--scenarios", "mmapp"),
                bad("compare: a strategy listed twice", List.of("'none' is listed twice"),
                        "compare", "--strategies", "none,none"),
                bad("compare: an empty name", List.of("empty scenario name"),
                        "compare", "--scenarios", "mmap,"),
                bad("compare: unknown format", List.of("unknown format 'pdf'", "valid: table, json, csv, html"),
                        "compare", "--format", "pdf"),
                bad("compare: html with nowhere to write it", List.of("--format html", "--out DIR"),
                        "compare", "--format", "html"),
                bad("compare: unknown workload", List.of("unknown workload 'dbnech'", "valid: all, write-sync,"),
                        "compare", "--workloads", "dbnech"),
                bad("compare: a bad timed option, even where nothing timed runs", List.of("impossible --writes -5"),
                        "compare", "--format", "csv", "--writes", "-5"),
                bad("timed: bandwidth too low to count", List.of("bandwidth.mb-per-s", "0.001 to 1000000"),
                        "timed", "--cost", "device.hdd.bandwidth.mb-per-s=1e-300"),
                bad("timed: more threads than writes", List.of("200 threads for 100 writes"),
                        "timed", "--workload-threads", "200", "--writes", "100"),
                bad("timed: impossible working set", List.of("impossible size '12Q'"),
                        "timed", "--working-set", "12Q"),
                bad("timed: working set above the model's limit", List.of("impossible working set", "at most 1024 MiB"),
                        "timed", "--working-set", "2G"),
                bad("timed: zero writes", List.of("impossible --writes 0"),
                        "timed", "--writes", "0"),
                bad("timed: unknown cost-model key", List.of("unknown cost-model key 'fualt.ns'", "valid: checksum.ns-per-byte"),
                        "timed", "--cost", "fualt.ns=3"),
                bad("timed: cost without a value", List.of("--cost takes KEY=VALUE"),
                        "timed", "--cost", "fault.ns"),
                bad("timed: unknown device", List.of("unknown device 'floppy'", "valid: hdd, nvme, sata2012, ssd"),
                        "timed", "--cost", "device=floppy"),
                bad("timed: unknown device for one workload", List.of("unknown device 'floppy'"),
                        "timed", "--cost", "workload.dbench.device=floppy", "--workloads", "dbench"),
                bad("timed: a working set too small for dbench's files", List.of("impossible working set 65536 bytes for dbench",
                        "at least 8 pages each"), "timed", "--workloads", "dbench", "--working-set", "64K"),
                bad("timed: a write cache that is neither on nor off", List.of("is true or false, not 'maybe'"),
                        "timed", "--cost", "device.sata2012.write-cache=maybe", "--cost", "device=sata2012"),
                bad("timed: a write-cache order that is neither the drive's nor arrival", List.of("is one of arrival, nearest, drive, coalesce, not 'lifo'"),
                        "timed", "--cost", "device.sata2012.write-cache.order=lifo", "--cost", "device=sata2012"),
                bad("timed: a CFQ slice of no time", List.of("impossible iosched.slice_async 0"),
                        "timed", "--cost", "iosched.slice_async=0"),
                bad("timed: a CFQ expiry past any run's length", List.of(
                        "impossible iosched.fifo_expire_async 99999999: milliseconds, at most 10000000"),
                        "timed", "--cost", "iosched.fifo_expire_async=99999999"),
                bad("timed: an NCQ depth out of range", List.of("impossible device.sata2012.queue-depth 1000"),
                        "timed", "--cost", "device.sata2012.queue-depth=1000", "--cost", "device=sata2012"),
                bad("timed: a bad value in the preset only dbench runs on, before any run",
                        List.of("impossible device.sata2012.queue-depth 1000"),
                        "timed", "--cost", "device.sata2012.queue-depth=1000", "--workloads", "write-sync"),
                bad("timed: a dirty ratio above 100", List.of("whole percents, 1 to 100"),
                        "timed", "--cost", "vm.dirty_ratio=120"),
                bad("timed: bad scenario option", List.of("integrity"),
                        "timed", "--options", "integrity=crc99"),
                bad("timed: operations in --options", List.of("scenario options only"),
                        "timed", "--options", "A: store@0x0+1=0x1"),
                bad("timed: a cost that is not a number", List.of("fault.ns needs a number"),
                        "timed", "--cost", "fault.ns=fast"),
                bad("timed: missing cost-model file, with the reason", List.of(
                        "cannot read the cost model /nonexistent/costs.properties: no such file or directory"),
                        "timed", "--cost-model", "/nonexistent/costs.properties"),
                bad("timed: a directory as the cost-model file", List.of("cannot read the cost model /tmp: is a directory"),
                        "timed", "--cost-model", "/tmp"),
                bad("compare: zero threads", List.of("impossible --threads 0", "at least 1", "leave it out"),
                        "compare", "--threads", "0"),
                bad("timed: negative threads", List.of("impossible --threads -2", "at least 1"),
                        "timed", "--threads", "-2"),
                bad("compare: a typo beside all is still a typo", List.of("unknown strategy 'nope'", "valid: all, bounce,"),
                        "compare", "--strategies", "all,nope"),
                bad("compare: zero budget", List.of("impossible budget 0"),
                        "compare", "--budget", "0"),
                bad("compare: bad scenario option", List.of("integrity"),
                        "compare", "--options", "integrity=crc99"),
                bad("compare: operations in --options", List.of("scenario options only"),
                        "compare", "--options", "A: store@0x0+1=0x1"),
                bad("compare: unknown setting", List.of("nope.key"),
                        "compare", "--set", "nope.key=1"),
                bad("PCT depth out of range", List.of("depth 0", "1 to 10"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--explorer", "pct", "--depth", "0"),
                bad("preemption bound out of range", List.of("bound 11", "0 to 10"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--explorer", "exhaustive", "--bound",
                        "11"),
                bad("unknown subcommand", List.of("unknown command 'frob'", "valid: list, compare, timed, bench, explore, replay, help"),
                        "frob"),
                bad("unknown word before a command", List.of("unknown command 'foo'"),
                        "foo", "explore"),
                bad("mistyped option, reported before the missing one", List.of("unknown option '--strat'", "--strategy"),
                        "explore", "--strat", "none", "--scenario", "mmap"),
                bad("schedule naming an actor the scenario lacks", List.of("actor Z", "A, B, D, K, Q"),
                        "replay", "--strategy", "none", "--scenario", "mmap", "--schedule", "A5Z2"),
                bad("schedule naming the second RAID1 leg on a single disk", List.of("actor E"),
                        "replay", "--strategy", "none", "--scenario", "mmap", "--schedule", "E5"),
                bad("long garbage schedule, cut in the message", List.of("malformed schedule '" + "A".repeat(60) + "...'"),
                        "replay", "--strategy", "none", "--scenario", "mmap", "--schedule", "A".repeat(200) + "?"),
                bad("scenario with a look-alike digit", List.of("U+FF14"),
                        "explore", "--strategy", "none", "--scenario", "mmap page=\uff14096"),
                bad("no arguments", List.of("list, compare, timed, bench, explore, replay")),
                bad("unknown setting", List.of("unknown setting 'retry'", "valid: recheck-resubmit.retry-limit"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--set", "retry=2"),
                bad("setting without a value", List.of("malformed setting 'recheck-resubmit.retry-limit'", "key=value"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--set", "recheck-resubmit.retry-limit"),
                bad("setting out of range", List.of("recheck-resubmit.retry-limit=-1", "from 0 to 1000"),
                        "explore", "--strategy", "recheck-resubmit", "--scenario", "mmap", "--set",
                        "recheck-resubmit.retry-limit=-1"),
                bad("setting not a number on replay", List.of("recheck-resubmit.retry-limit=three"),
                        "replay", "--strategy", "recheck-resubmit", "--scenario", "mmap", "--schedule", "A",
                        "--set", "recheck-resubmit.retry-limit=three"),
                bad("a bad value for a strategy other than the one run", List.of("recheck-resubmit.retry-limit=garbage"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--set", "recheck-resubmit.retry-limit=garbage"),
                bad("a newline in a setting", List.of("printable ASCII"),
                        "explore", "--strategy", "none", "--scenario", "mmap", "--set", "recheck-resubmit.retry-limit=1\nFAILS: x"),
                bad("unknown integrity profile", List.of("'crc8'", "t10-dif-type1", "fs-crc32c", "none"),
                        "explore", "--strategy", "none", "--scenario", "mmap integrity=crc8"),
                bad("bench: zero seeds", List.of("impossible seeds 0"),
                        "bench", "--seeds", "0"),
                bad("bench: negative schedules", List.of("impossible schedules -1"),
                        "bench", "--schedules", "-1"),
                bad("bench: zero warm-up", List.of("impossible warm-up 0"),
                        "bench", "--warmup", "0"),
                bad("bench: zero budget", List.of("impossible budget 0"),
                        "bench", "--budget", "0"),
                bad("bench: unknown strategy", List.of("unknown strategy 'nope'", "valid: all, bounce,"),
                        "bench", "--strategies", "nope"),
                bad("bench: unknown failure strategy", List.of("'nope'", "--failure-strategy", "valid: bounce,"),
                        "bench", "--failure-strategy", "nope"),
                bad("bench: unknown scenario", List.of("'nope'", ALL_SCENARIOS),
                        "bench", "--scenario", "nope"),
                bad("bench: PCT depth out of range", List.of("depth 11", "1 to 10"),
                        "bench", "--depth", "11"));
    }

    private static Arguments bad(String what, List<String> mustContain, String... args) {
        return Arguments.of(what, mustContain, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInput_exitsTwoWithOneLineOnStderrAndNothingOnStdout(String what, List<String> mustContain, String[] args) {
        Cli.Result r = Cli.run(args);
        assertEquals(Main.BAD_INPUT, r.status(), what + ": stdout=" + r.out() + " stderr=" + r.err());
        assertEquals("", r.out(), what);
        List<String> errLines = r.err().lines().toList();
        assertEquals(1, errLines.size(), what + ": exactly one line on stderr: " + r.err());
        String line = errLines.get(0);
        assertTrue(line.startsWith("stablewrites: "), line);
        assertFalse(r.err().contains("Exception"), line);
        assertFalse(r.err().contains("\tat "), line);
        for (String s : mustContain) {
            assertTrue(line.contains(s), what + ": '" + s + "' missing from: " + line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helpRequests")
    void help_printsUsageOnStdout_andExitsZero(String what, String[] args) {
        Cli.Result r = Cli.run(args);
        assertEquals(Main.HOLDS, r.status(), what + ": " + r.err());
        assertTrue(r.out().startsWith("Usage: stablewrites"), r.out());
        assertEquals("", r.err());
    }

    static Stream<Arguments> helpRequests() {
        return Stream.of(
                Arguments.of("--help", new String[] {"--help"}),
                Arguments.of("help", new String[] {"help"}),
                Arguments.of("help explore", new String[] {"help", "explore"}),
                Arguments.of("explore --help", new String[] {"explore", "--help"}),
                Arguments.of("replay -h", new String[] {"replay", "-h"}),
                Arguments.of("list --help", new String[] {"list", "--help"}),
                Arguments.of("bench --help", new String[] {"bench", "--help"}));
    }
}
