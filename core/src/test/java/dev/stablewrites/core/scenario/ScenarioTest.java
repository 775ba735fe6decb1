package dev.stablewrites.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guards the scenario's one-line text form: what is printed in a report must read back to the same scenario. */
class ScenarioTest {

    private static final String ALL_KIND_IDS = "buffered-write, mmap, mmap-2proc, odirect, journal, ext3-ordered";

    private static IllegalArgumentException rejected(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse(line));
        String m = e.getMessage();
        assertFalse(m == null || m.isBlank(), "no message for " + line);
        assertFalse(m.contains("\n") || m.contains("\r"), "multi-line message: " + m);
        return e;
    }

    private static void assertMessage(String expected, String line) {
        assertEquals(expected, rejected(line).getMessage());
    }

    // ---------------------------------------------------------------- round trips

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void defaultOf_toString_parsesBackToAnEqualScenario(ScenarioKind kind) {
        Scenario s = Scenario.defaultOf(kind);
        Scenario back = Scenario.parse(s.toString());

        assertEquals(s, back);
        assertEquals(s.hashCode(), back.hashCode());
        assertEquals(s.toString(), back.toString());
        assertEquals(kind, back.kind());
        assertEquals(Geometry.DEFAULT, back.geometry());
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void parse_bareId_isTheDefaultInstance(ScenarioKind kind) {
        Scenario s = Scenario.parse(kind.id());

        assertEquals(Scenario.defaultOf(kind), s);
        assertEquals(Scenario.defaultOf(kind), Scenario.parse("  " + kind.id() + " \n"));
        for (ScenarioKind.Slot slot : kind.slots()) {
            assertEquals(ScenarioParser.parseOps(slot.defaultOps()), s.opsOf(slot.id()), "actor " + slot.id());
            assertFalse(s.opsOf(slot.id()).isEmpty());
        }
        assertEquals(kind.slots().size(), s.ops().size());
    }

    @Test
    void toString_ofTheSeedScenario_isTheDocumentedLine() {
        assertEquals("mmap A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync", Scenario.defaultOf(ScenarioKind.MMAP)
                .toString());
        assertEquals("journal A: update@0x100+8=0x11 update@0x100+8=0x22; J: commit checkpoint",
                Scenario.defaultOf(ScenarioKind.JOURNAL).toString());
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void nonDefaultOptions_surviveTheRoundTrip(ScenarioKind kind) {
        Scenario s = Scenario.parse(kind.id() + " page=8192 interval=4096 integrity=nvme-crc64 device=raid1");

        assertEquals(new Geometry(8192, 4096, Integrity.NVME_CRC64, DeviceKind.RAID1), s.geometry());
        assertEquals(Scenario.defaultOf(kind, s.geometry()), s);
        assertTrue(s.toString().startsWith(kind.id() + " page=8192 interval=4096 integrity=nvme-crc64 device=raid1 "),
                s.toString());
        assertEquals(s, Scenario.parse(s.toString()));
    }

    @Test
    void defaultOptions_areNotPrinted() {
        Scenario s = Scenario.parse("mmap page=4096 interval=512 integrity=t10-dif-type1 device=disk");

        assertEquals(Scenario.defaultOf(ScenarioKind.MMAP), s);
        assertEquals("mmap A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync", s.toString());
    }

    @Test
    void onlyTheNonDefaultOptions_arePrinted() {
        assertTrue(Scenario.parse("mmap device=raid1").toString().startsWith("mmap device=raid1 A: "));
        assertTrue(Scenario.parse("mmap page=4096 interval=4096").toString().startsWith("mmap interval=4096 A: "));
        assertTrue(Scenario.parse("odirect integrity=none page=512").toString()
                .startsWith("odirect page=512 integrity=none A: "));
        Scenario s = Scenario.parse("buffered-write integrity=fs-crc32c");
        assertEquals("buffered-write integrity=fs-crc32c A: write@0x100+8=0x11 write@0x100+8=0x22; B: fsync",
                s.toString());
    }

    @Test
    void everyIntegrityProfileAndDevice_roundTrips() {
        for (Integrity i : Integrity.values()) {
            for (DeviceKind d : DeviceKind.values()) {
                Scenario s = Scenario.defaultOf(ScenarioKind.MMAP_2PROC, new Geometry(16384, 512, i, d));
                assertEquals(s, Scenario.parse(s.toString()), s.toString());
            }
        }
    }

    @Test
    void explicitOps_roundTrip_andPrintInSlotOrder() {
        Scenario s = Scenario.parse("mmap-2proc C: store@0x300+16=0x7f; B: flush fsync; A: store@0x0+1=0xff "
                + "store@0xff8+8=0x01");

        assertEquals("mmap-2proc A: store@0x0+1=0xff store@0xff8+8=0x01; B: flush fsync; C: store@0x300+16=0x7f",
                s.toString());
        assertEquals(List.of(Op.data(OpType.STORE, 0, 1, 0xff), Op.data(OpType.STORE, 0xff8, 8, 1)), s.opsOf('A'));
        assertEquals(List.of(Op.of(OpType.FLUSH), Op.of(OpType.FSYNC)), s.opsOf('B'));
        assertEquals(s, Scenario.parse(s.toString()));
        assertEquals(List.of('A', 'B', 'C'), new ArrayList<>(s.ops().keySet()));
    }

    @Test
    void decimalAndUppercaseHexNumbers_readAsTheSameOps() {
        Scenario hex = Scenario.parse("mmap A: store@0x100+8=0x1f; B: fsync");

        assertEquals(hex, Scenario.parse("mmap A: store@256+8=31; B: fsync"));
        assertEquals(hex, Scenario.parse("mmap A: store@0x100+8=0x1F;B: fsync"));
        assertEquals(hex, Scenario.parse("mmap   A:   store@0x100+8=0x1f ;  B:  fsync ;"));
    }

    @Test
    void storeThatEndsExactlyAtThePageEnd_fits() {
        Scenario s = Scenario.parse("mmap A: store@0xff0+16=0x0; B: fsync");
        assertEquals(Op.data(OpType.STORE, 0xff0, 16, 0), s.opsOf('A').get(0));
        Scenario big = Scenario.parse("mmap page=65536 A: store@0xfff0+16=0xff; B: fsync");
        assertEquals(big, Scenario.parse(big.toString()));
    }

    @Test
    void differentOps_areNotEqual() {
        assertNotEquals(Scenario.parse("mmap A: store@0x100+8=0x11; B: fsync"),
                Scenario.parse("mmap A: store@0x100+8=0x12; B: fsync"));
        assertNotEquals(Scenario.parse("mmap"), Scenario.parse("mmap device=raid1"));
        assertNotEquals(Scenario.parse("mmap"), Scenario.parse("buffered-write"));
    }

    // ---------------------------------------------------------------- errors

    @Test
    void parse_unknownKind_listsAllFiveIds() {
        assertMessage("unknown scenario 'mmapp'; valid: " + ALL_KIND_IDS, "mmapp");
        assertMessage("unknown scenario 'MMAP'; valid: " + ALL_KIND_IDS, "MMAP A: store@0x0+8=0x1; B: fsync");
        assertEquals(ALL_KIND_IDS, ScenarioKind.validIds());
    }

    @Test
    void parse_emptyLine_listsAllIds() {
        assertMessage("empty scenario; valid: " + ALL_KIND_IDS, "   ");
    }

    @Test
    void parse_unknownIntegrity_listsTheProfileIds() {
        assertMessage("unknown integrity profile 'crc99'; valid: "
                + "t10-dif-type1, t10-dif-type3, nvme-crc64, fs-crc32c, none", "mmap integrity=crc99");
        assertEquals("t10-dif-type1, t10-dif-type3, nvme-crc64, fs-crc32c, none", Integrity.validIds());
    }

    @Test
    void parse_unknownDevice_listsTheDevices() {
        assertMessage("unknown device 'nvme'; valid: disk, raid1", "mmap device=nvme");
    }

    @Test
    void parse_kernelOptions_jbd2ModeAndFileSize_printAndParseBack() {
        Scenario s = Scenario.parse("journal jbd2=frozen-copy");
        assertEquals(Jbd2Mode.FROZEN_COPY, s.geometry().jbd2());
        assertEquals("journal jbd2=frozen-copy A: update@0x100+8=0x11 update@0x100+8=0x22; J: commit checkpoint",
                s.toString());
        Scenario w = Scenario.parse("buffered-write size=260 A: write@0x100+8=0x11; B: fsync");
        assertEquals(260, w.geometry().fileSize());
        assertEquals(w, Scenario.parse(w.toString()));
        assertMessage("unknown jbd2 mode 'copy'; valid: shadow-wait, frozen-copy", "journal jbd2=copy");
        assertMessage("impossible size: size=5000: the file starts with 0 to 4096 bytes (one page)",
                "buffered-write size=5000");
        assertMessage("size= is the size of a page-cache file; odirect writes no file page", "odirect size=0");
    }

    @Test
    void parse_unknownOptionKey_listsTheKeys() {
        assertMessage("unknown scenario option 'pagesize'; valid: page, interval, integrity, device, jbd2, size, faults",
                "mmap pagesize=4096");
    }

    @Test
    void parse_wordThatIsNeitherOptionNorGroup_isRejected() {
        String m = rejected("mmap fsync").getMessage();
        assertTrue(m.startsWith("unexpected 'fsync' in scenario; expected an option "
                + "(page=, interval=, integrity=, device=, jbd2=, size=, faults=)"), m);
    }

    @Test
    void parse_opTheRoleCannotDo_namesWhatItCan() {
        assertMessage("actor A of mmap (mmap writer) cannot fsync; it can: store", "mmap A: fsync; B: fsync");
        String m = rejected("mmap A: store@0x0+8=0x1; B: store@0x0+8=0x1").getMessage();
        assertTrue(m.startsWith("actor B of mmap (fsync caller) cannot store; it can: "), m);
        assertTrue(m.contains("fsync") && m.contains("flush"), m);
        assertMessage("actor A of buffered-write (write() caller) cannot store; it can: write",
                "buffered-write A: store@0x0+8=0x1; B: fsync");
    }

    @Test
    void parse_storeThatDoesNotFitThePage_isAnImpossibleSize() {
        assertMessage("impossible size: store@0xff8+16=0x01 does not fit in a page of 4096 bytes",
                "mmap A: store@0xff8+16=0x1; B: fsync");
        assertMessage("impossible size: store@0x1f8+16=0x01 does not fit in a page of 512 bytes",
                "mmap page=512 A: store@0x1f8+16=0x1; B: fsync");
        assertMessage("impossible size: store@0x0+0=0x01 has length 0; an operation writes at least one byte",
                "mmap A: store@0x0+0=0x1; B: fsync");
    }

    @Test
    void parse_everyKindsDefaultInstance_fitsTheSmallestPage() {
        for (ScenarioKind kind : ScenarioKind.values()) {
            assertEquals(512, Scenario.parse(kind.id() + " page=512").geometry().pageSize(), kind.id());
        }
    }

    @Test
    void parse_actorLabels_mayTouchTheirOperations_orHaveSpaceBeforeTheColon() {
        Scenario expected = Scenario.parse("mmap A: store@0x0+8=0x1; B: fsync");
        assertEquals(expected, Scenario.parse("mmap A:store@0x0+8=0x1;B:fsync"));
        assertEquals(expected, Scenario.parse("mmap A : store@0x0+8=0x1 ; B : fsync"));
    }

    @Test
    void parse_anOptionGivenTwice_orAfterTheActorGroups_isRejected() {
        assertMessage("scenario option 'page=' given twice", "mmap page=4096 page=8192");
        assertMessage("option 'page=8192' comes after the actor groups; options go right after the scenario id, "
                + "e.g. 'mmap page=8192 A: store@0x100+8=0x11; B: fsync'", "mmap A: store@0x0+8=0x1; B: fsync page=8192");
    }

    @Test
    void parse_nonAsciiText_isRejectedWithTheCharacterNamed() {
        assertMessage("scenario has character U+FF14 at column 11; a scenario is plain ASCII", "mmap page=\uff14\uff10\uff19\uff16");
        assertMessage("scenario has character U+00A0 at column 5; a scenario is plain ASCII", "mmap\u00a0A: store@0x0+8=0x1; B: fsync");
        assertMessage("scenario has character U+200B at column 5; a scenario is plain ASCII", "mmap\u200b");
    }

    @Test
    void parse_negativeOrSignedNumbers_areAMalformedOperation() {
        assertMessage("malformed operation 'store@-1+8=0x11'; expected WORD@OFFSET+LENGTH=VALUE with non-negative "
                + "numbers, e.g. store@0x100+8=0x11", "mmap A: store@-1+8=0x11; B: fsync");
        assertMessage("malformed operation 'store@0x0+8=-1'; expected WORD@OFFSET+LENGTH=VALUE with non-negative "
                + "numbers, e.g. store@0x100+8=0x11", "mmap A: store@0x0+8=-1; B: fsync");
    }

    @Test
    void parse_valueAboveOneByte_isAnImpossibleValue() {
        assertMessage("impossible value: store@0x0+8=0x100: a value is one byte, 0x00 to 0xff",
                "mmap A: store@0x0+8=0x100; B: fsync");
        assertMessage("impossible value: store@0x0+8=0x100: a value is one byte, 0x00 to 0xff",
                "mmap A: store@0x0+8=256; B: fsync");
    }

    @Test
    void parse_numberTooLargeForAnInt_isRejected() {
        assertMessage("impossible number '0xfffffffff' in 'store@0xfffffffff+8=0x1'",
                "mmap A: store@0xfffffffff+8=0x1; B: fsync");
    }

    @Test
    void parse_pageNotAPowerOfTwo_isRejected() {
        assertMessage("impossible size: page=1000: a page is a power of two from 512 to 65536 bytes", "mmap page=1000");
    }

    @Test
    void parse_pageBelow512_isRejected() {
        assertMessage("impossible size: page=256: a page is a power of two from 512 to 65536 bytes", "mmap page=256");
        assertMessage("impossible size: page=131072: a page is a power of two from 512 to 65536 bytes",
                "mmap page=131072");
    }

    @Test
    void parse_intervalOtherThan512Or4096_isRejected() {
        assertMessage("impossible size: interval=1024: an integrity interval is 512 or 4096 bytes",
                "mmap interval=1024");
    }

    @Test
    void parse_pageSmallerThanTheInterval_isRejected() {
        assertMessage("impossible size: page=512 is not a multiple of interval=4096", "mmap page=512 interval=4096");
    }

    @Test
    void parse_sizeThatIsNotANumber_isRejected() {
        String m = rejected("mmap page=4k").getMessage();
        assertTrue(m.startsWith("impossible size: page=4k is not a whole number"), m);
        String big = rejected("mmap page=99999999999").getMessage();
        assertTrue(big.startsWith("impossible size: page=99999999999 "), big);
    }

    @Test
    void parse_missingActorGroup_namesTheActor() {
        assertMessage("scenario mmap needs operations for actor B", "mmap A: store@0x0+8=0x1");
        assertMessage("scenario mmap-2proc needs operations for actor C", "mmap-2proc A: store@0x0+8=0x1; B: fsync");
    }

    @Test
    void parse_unknownActor_listsTheKindsActors() {
        assertMessage("scenario mmap has no actor Z; its actors are A, B",
                "mmap A: store@0x0+8=0x1; B: fsync; Z: fsync");
        assertMessage("scenario journal has no actor B; its actors are A, J",
                "journal A: update@0x0+8=0x1; J: commit; B: commit");
    }

    @Test
    void parse_lineBreakInside_isRejected_soEveryMessageStaysOneLine() {
        assertMessage("a scenario is one line; this one has a line break",
                "mmap A: store@0x0+8=0x1;\nA: store@0x8+8=0x2; B: fsync");
    }

    @Test
    void parse_actorListedTwice_isRejected() {
        String line = "mmap A: store@0x0+8=0x1; A: store@0x8+8=0x2; B: fsync";
        assertMessage("actor A appears twice in '" + line + "'", line);
    }

    @Test
    void parse_unknownOperation_listsTheOperations() {
        assertMessage("unknown operation 'sync'; valid: fsync, flush, dio, commit, "
                + "or store/write/update@OFFSET+LENGTH=VALUE", "mmap A: store@0x0+8=0x1; B: sync");
        assertMessage("unknown data operation 'fsync'; valid: store, write, update (as store@0x100+8=0x11)",
                "mmap A: store@0x0+8=0x1; B: fsync@0x0+8=0x1");
        assertMessage("operation 'store' needs @OFFSET+LENGTH=VALUE, e.g. store@0x100+8=0x11",
                "mmap A: store; B: fsync");
    }

    // ---------------------------------------------------------------- immutability

    @Test
    void withOps_returnsANewScenario_andLeavesTheOriginalUnchanged() {
        Scenario original = Scenario.defaultOf(ScenarioKind.MMAP);
        String before = original.toString();
        List<Op> newOps = new ArrayList<>(List.of(Op.data(OpType.STORE, 0x10, 8, 0x5a)));

        Scenario changed = original.withOps('A', newOps);

        assertNotSame(original, changed);
        assertEquals(before, original.toString());
        assertEquals(Scenario.defaultOf(ScenarioKind.MMAP), original);
        assertEquals(List.of(Op.data(OpType.STORE, 0x10, 8, 0x5a)), changed.opsOf('A'));
        assertEquals(original.opsOf('B'), changed.opsOf('B'));
        assertEquals(original.geometry(), changed.geometry());
        assertEquals("mmap A: store@0x10+8=0x5a; B: fsync", changed.toString());

        newOps.add(Op.data(OpType.STORE, 0, 8, 1)); // the caller's list is copied, not kept
        assertEquals(1, changed.opsOf('A').size());
    }

    @Test
    void withOps_invalidOps_areRejected_andTheOriginalIsUnchanged() {
        Scenario original = Scenario.defaultOf(ScenarioKind.MMAP);
        assertThrows(IllegalArgumentException.class, () -> original.withOps('A', List.of(Op.of(OpType.FSYNC))));
        assertThrows(IllegalArgumentException.class, () -> original.withOps('Z', List.of(Op.of(OpType.FSYNC))));
        assertEquals(Scenario.defaultOf(ScenarioKind.MMAP), original);
    }

    @Test
    void ops_mapAndLists_areUnmodifiable() {
        Scenario s = Scenario.defaultOf(ScenarioKind.MMAP_2PROC);
        Map<Character, List<Op>> ops = s.ops();

        assertThrows(UnsupportedOperationException.class, () -> ops.put('Z', List.of()));
        assertThrows(UnsupportedOperationException.class, () -> ops.remove('A'));
        assertThrows(UnsupportedOperationException.class, ops::clear);
        assertThrows(UnsupportedOperationException.class, () -> s.opsOf('A').add(Op.of(OpType.FSYNC)));
        assertThrows(UnsupportedOperationException.class, () -> s.opsOf('B').clear());
        assertEquals(Scenario.defaultOf(ScenarioKind.MMAP_2PROC), s);
    }

    @Test
    void constructor_copiesTheCallersMapAndLists() {
        Map<Character, List<Op>> m = new LinkedHashMap<>();
        List<Op> a = new ArrayList<>(List.of(Op.data(OpType.STORE, 0, 8, 1)));
        m.put('A', a);
        m.put('B', new ArrayList<>(List.of(Op.of(OpType.FSYNC))));
        Scenario s = new Scenario(ScenarioKind.MMAP, Geometry.DEFAULT, m);

        a.add(Op.of(OpType.FSYNC)); // would be invalid for A, and must not leak in
        m.put('B', List.of());

        assertEquals(List.of(Op.data(OpType.STORE, 0, 8, 1)), s.opsOf('A'));
        assertEquals(List.of(Op.of(OpType.FSYNC)), s.opsOf('B'));
    }

    @Test
    void withIntegrity_changesOnlyTheProfile() {
        Scenario s = Scenario.parse("mmap page=8192 device=raid1");
        Scenario t = s.withIntegrity(Integrity.FS_CRC32C);

        assertEquals(new Geometry(8192, 512, Integrity.FS_CRC32C, DeviceKind.RAID1), t.geometry());
        assertEquals(s.ops(), t.ops());
        assertEquals(Integrity.T10_DIF_TYPE1, s.geometry().integrity());
        assertEquals(t, Scenario.parse(t.toString()));
    }

    @Test
    void withGeometry_revalidatesTheOps() {
        Scenario s = Scenario.parse("mmap A: store@0x800+8=0x1; B: fsync");
        Geometry small = new Geometry(512, 512, Integrity.NONE, DeviceKind.DISK);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.withGeometry(small));
        assertTrue(e.getMessage().startsWith("impossible size: store@0x800+8=0x01"), e.getMessage());
    }
}
