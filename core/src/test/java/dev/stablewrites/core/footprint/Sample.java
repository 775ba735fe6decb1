package dev.stablewrites.core.footprint;

import dev.stablewrites.core.state.NotState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small object graph for the recorder's tests: rewritten like any model class. */
class Sample {
    int counter;
    final int fixed;
    @NotState int noted;
    byte[] data = new byte[256];
    final List<Integer> list = new ArrayList<>();
    final Map<String, Integer> map = new HashMap<>();

    Sample(int fixed) {
        this.fixed = fixed;
    }

    int readCounter() {
        return counter;
    }

    void bump() {
        counter++;
    }

    int readFixed() {
        return fixed;
    }

    void note() {
        noted++;
    }

    void store(int at, byte value) {
        data[at] = value;
    }

    void copyIn(byte[] from, int at, int length) {
        System.arraycopy(from, 0, data, at, length);
    }

    int sumList() {
        int s = 0;
        for (int x : list) {
            s += x;
        }
        return s;
    }

    void append(int x) {
        list.add(x);
    }

    void doubleEach() {
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            e.setValue(e.getValue() * 2);
        }
    }

    int sizeThroughView() {
        return java.util.Collections.unmodifiableList(list).size();
    }

    static int shared;
    final Map<String, int[]> cells = new HashMap<>();

    static void bumpShared() {
        shared++;
    }

    static int readShared() {
        return shared;
    }

    void bumpCell(String k) {
        cells.get(k)[0]++;
    }

    int readCell(String k) {
        return cells.get(k)[0];
    }

    long readWithChecksum() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data, 64, 64);
        return crc.getValue();
    }

    Object[] listToArray(Object[] into) {
        return list.toArray(into);
    }

    byte[] cloneData() {
        return data.clone();
    }

    void setEveryValue() {
        map.entrySet().forEach(e -> e.setValue(0));
    }

    void addAllThroughMethodReference(List<Integer> from) {
        from.forEach(list::add);
    }

    String describe() {
        return "list " + list;
    }

    static void addTo(List<Integer> l, int x) {
        l.add(x);
    }

    void copyListFrom(List<Integer> other) {
        list.addAll(other);
    }
}

/** A subclass reaching its superclass's field by its own name, as javac writes it. */
final class SampleSub extends Sample {
    SampleSub() {
        super(0);
    }

    void bumpThroughSub() {
        this.counter += 2;
    }
}

/** A constructor that touches an object that exists already. */
final class Joiner {
    Joiner(List<Integer> joined) {
        joined.add(1);
    }
}

/** A constructor that reads an existing object in its call to super(). */
final class SizedSample extends Sample {
    SizedSample(List<Integer> from) {
        super(from.size());
    }
}
