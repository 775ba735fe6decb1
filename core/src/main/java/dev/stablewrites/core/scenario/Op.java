package dev.stablewrites.core.scenario;

/**
 * One operation of an actor. Data-writing operations fill {@code length} bytes at {@code offset} of
 * the page with {@code value}; the others ignore those fields (zero).
 *
 * <p>Text form: {@code store@0x120+8=0x1f}, {@code fsync}.
 */
public record Op(OpType type, int offset, int length, int value) {

    public static Op of(OpType type) {
        if (type.writesData()) {
            throw new IllegalArgumentException(type.word() + " needs an offset, a length and a value");
        }
        return new Op(type, 0, 0, 0);
    }

    public static Op data(OpType type, int offset, int length, int value) {
        if (!type.writesData()) {
            throw new IllegalArgumentException(type.word() + " takes no data");
        }
        return new Op(type, offset, length, value);
    }

    @Override
    public String toString() {
        if (!type.writesData()) {
            return type.word();
        }
        return String.format("%s@0x%x+%d=0x%02x", type.word(), offset, length, value);
    }
}
