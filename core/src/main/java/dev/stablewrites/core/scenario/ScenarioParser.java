package dev.stablewrites.core.scenario;

import dev.stablewrites.core.fault.FaultKind;
import dev.stablewrites.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the one-line form of a {@link Scenario}. Every error is one line naming the valid choices. */
final class ScenarioParser {
    private static final Pattern DATA_OP =
            Pattern.compile("([a-z]+)@(0x[0-9a-fA-F]+|[0-9]+)\\+([0-9]+)=(0x[0-9a-fA-F]+|[0-9]+)");
    private static final Pattern ACTOR = Pattern.compile("([A-Z]):");
    private static final Pattern ACTOR_LABEL = Pattern.compile("(?<!\\S)([A-Z])\\s*:");

    private ScenarioParser() {
    }

    static Scenario parse(String line) {
        String text = line.strip();
        checkPlainAscii(text);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty scenario; valid: " + ScenarioKind.validIds());
        }
        // "A:store" and "A : store" both mean "A: store".
        String[] tokens = ACTOR_LABEL.matcher(text.replace(";", " ; ")).replaceAll("$1: ").split("\\s+");
        ScenarioKind kind = ScenarioKind.byId(tokens[0]);
        if (kind == null) {
            throw new IllegalArgumentException("unknown scenario '" + tokens[0] + "'; valid: " + ScenarioKind.validIds());
        }
        int pageSize = Geometry.DEFAULT.pageSize();
        int interval = Geometry.DEFAULT.interval();
        Integrity integrity = Geometry.DEFAULT.integrity();
        DeviceKind device = Geometry.DEFAULT.device();
        Jbd2Mode jbd2 = Geometry.DEFAULT.jbd2();
        Integer fileSize = null;
        FaultKind faults = Geometry.DEFAULT.faults();
        Map<Character, List<Op>> ops = new LinkedHashMap<>();
        Set<String> optionsSeen = new HashSet<>();
        List<Op> current = null;
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty() || t.equals(";")) {
                continue;
            }
            Matcher actor = ACTOR.matcher(t);
            if (actor.matches()) {
                current = new ArrayList<>();
                if (ops.put(t.charAt(0), current) != null) {
                    throw new IllegalArgumentException("actor " + t.charAt(0) + " appears twice in '" + line + "'");
                }
                continue;
            }
            if (current != null) {
                if (t.indexOf('=') > 0 && t.indexOf('@') < 0) {
                    throw new IllegalArgumentException("option '" + t + "' comes after the actor groups; options go "
                            + "right after the scenario id, e.g. 'mmap page=8192 A: store@0x100+8=0x11; B: fsync'");
                }
                current.add(parseOp(t));
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("unexpected '" + t + "' in scenario; expected an option "
                        + "(page=, interval=, integrity=, device=, jbd2=, size=, faults=) or an actor group such as "
                        + "'A: store@0x100+8=0x11'");
            }
            String key = t.substring(0, eq);
            String value = t.substring(eq + 1);
            if (!optionsSeen.add(key)) {
                throw new IllegalArgumentException("scenario option '" + key + "=' given twice");
            }
            switch (key) {
                case "page" -> pageSize = parseSize(key, value);
                case "interval" -> interval = parseSize(key, value);
                case "integrity" -> integrity = Integrity.byId(value).orElseThrow(() -> new IllegalArgumentException(
                        "unknown integrity profile '" + value + "'; valid: " + Integrity.validIds()));
                case "device" -> {
                    device = DeviceKind.byId(value);
                    if (device == null) {
                        throw new IllegalArgumentException("unknown device '" + value + "'; valid: disk, raid1");
                    }
                }
                case "jbd2" -> {
                    jbd2 = Jbd2Mode.byId(value);
                    if (jbd2 == null) {
                        throw new IllegalArgumentException("unknown jbd2 mode '" + value
                                + "'; valid: shadow-wait, frozen-copy");
                    }
                }
                case "size" -> fileSize = parseSize(key, value);
                case "faults" -> {
                    faults = FaultKind.byId(value);
                    if (faults == null) {
                        throw new IllegalArgumentException("unknown fault kind '" + value + "'; valid: "
                                + FaultKind.validIds());
                    }
                }
                default -> throw new IllegalArgumentException("unknown scenario option '" + key
                        + "'; valid: page, interval, integrity, device, jbd2, size, faults");
            }
        }
        Geometry geometry = new Geometry(pageSize, interval, integrity, device, jbd2,
                fileSize == null ? pageSize : fileSize, faults);
        if (ops.isEmpty()) {
            return Scenario.defaultOf(kind, geometry);
        }
        return new Scenario(kind, geometry, ops);
    }

    /** Rejects line breaks, control characters and non-ASCII (look-alike digits, invisible spaces). */
    private static void checkPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("a scenario is one line; this one has a line break");
            }
            if ((c < ' ' && c != '\t') || c > '~') {
                throw new IllegalArgumentException(String.format(
                        "scenario has character U+%04X at column %d; a scenario is plain ASCII", (int) c, i + 1));
            }
        }
    }

    private static int parseSize(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("impossible size: " + key + "=" + value
                    + " is not a whole number of bytes that fits in an int");
        }
    }

    /** Reads space-separated operations such as {@code store@0x100+8=0x11 fsync}. */
    static List<Op> parseOps(String text) {
        List<Op> ops = new ArrayList<>();
        for (String t : text.strip().split("\\s+")) {
            if (!t.isEmpty()) {
                ops.add(parseOp(t));
            }
        }
        return ops;
    }

    static Op parseOp(String t) {
        Matcher m = DATA_OP.matcher(t);
        if (m.matches()) {
            OpType type = OpType.byWord(m.group(1));
            if (type == null || !type.writesData()) {
                throw new IllegalArgumentException("unknown data operation '" + m.group(1)
                        + "'; valid: store, write, update (as store@0x100+8=0x11)");
            }
            return Op.data(type, number(m.group(2), t), number(m.group(3), t), number(m.group(4), t));
        }
        if (t.indexOf('@') > 0) {
            throw new IllegalArgumentException("malformed operation '" + t + "'; expected WORD@OFFSET+LENGTH=VALUE "
                    + "with non-negative numbers, e.g. store@0x100+8=0x11");
        }
        OpType type = OpType.byWord(t);
        if (type == null) {
            throw new IllegalArgumentException("unknown operation '" + t
                    + "'; valid: fsync, flush, dio, commit, or store/write/update@OFFSET+LENGTH=VALUE");
        }
        if (type.writesData()) {
            throw new IllegalArgumentException("operation '" + t + "' needs @OFFSET+LENGTH=VALUE, e.g. "
                    + t + "@0x100+8=0x11");
        }
        return Op.of(type);
    }

    private static int number(String s, String token) {
        try {
            return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("impossible number '" + s + "' in '" + token + "'");
        }
    }
}
